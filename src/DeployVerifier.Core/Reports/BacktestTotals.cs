using DeployVerifier.Backtests;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Reports;

/// <summary>A backtest in numbers: releases by verdict and, where the file gives expectations, what the checklist caught, missed and would have blocked.</summary>
/// <param name="Releases">Releases asked for.</param>
/// <param name="Passed">Passed.</param>
/// <param name="Failed">Failed: <c>verify</c> would have rolled them back.</param>
/// <param name="Inconclusive">Not judged (no data, Prometheus unreachable).</param>
/// <param name="NotFinished">Soaks not over at the time of the run.</param>
/// <param name="Superseded">Judged only up to the next release's start.</param>
/// <param name="MedianTimeToFailure">The median time from a failed release's start to its verdict; null without a failure.</param>
/// <param name="Expected">Releases with an expected verdict.</param>
/// <param name="Disagreeing">Of those, how many got another verdict.</param>
/// <param name="BadCaught">
/// Releases expected <c>failed</c> or <c>not-passed</c> that got it (agree): failed, or for <c>not-passed</c> inconclusive too.
/// </param>
/// <param name="BadMissed">
/// Releases expected <c>failed</c> or <c>not-passed</c> that did not get it (disagree): passed, or for <c>failed</c>
/// inconclusive too. Each is a row that says its verdict disagrees, so caught and missed match the rows.
/// </param>
/// <param name="GoodBlocked">Releases expected <c>passed</c> that failed: the checklist would have rolled back a good release.</param>
/// <param name="FailedUnexpected">Releases with no expected verdict that failed: <c>verify</c> would have rolled them back.</param>
public sealed record BacktestTotals(int Releases, int Passed, int Failed, int Inconclusive, int NotFinished, int Superseded, TimeSpan? MedianTimeToFailure,
    int Expected, int Disagreeing, int BadCaught, int BadMissed, int GoodBlocked, int FailedUnexpected)
{
    /// <summary>Whether a reader must look: a release disagrees with its expectation, or one without an expectation would have failed.</summary>
    public bool NeedsAttention => Disagreeing > 0 || FailedUnexpected > 0;

    /// <summary>
    /// The accuracy's table (<see cref="BacktestAccuracyRules"/>), counted with the rest. It differs from the expectations'
    /// tally only where the words and the pipeline part: under <c>--inconclusive fail</c> an inconclusive release expected
    /// <c>failed</c> disagrees yet was blocked, and one expected <c>passed</c> disagrees by no failure yet was blocked.
    /// </summary>
    public BacktestConfusion Confusion { get; init; } = BacktestConfusion.None;

    /// <summary>Counts the rows; a merge counts its merged rows the same way (never adding up the shards' totals).</summary>
    /// <param name="rows">The releases.</param>
    /// <param name="inconclusive">Whether an inconclusive verdict blocks the release, for <see cref="Confusion"/>; default it does.</param>
    public static BacktestTotals Of(IReadOnlyList<BacktestRow> rows, InconclusivePolicy inconclusive = InconclusivePolicy.Fail)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int Count(BacktestVerdict verdict) => rows.Count(r => r.Verdict == verdict);
        var toFailure = rows.Where(r => r.Verdict == BacktestVerdict.Failed && r.DecidedAt is not null)
            .Select(r => r.DecidedAt!.Value - r.StartedAt).Order().ToList();
        TimeSpan? median = toFailure.Count == 0 ? null
            : toFailure.Count % 2 == 1 ? toFailure[toFailure.Count / 2]
            : (toFailure[(toFailure.Count / 2) - 1] + toFailure[toFailure.Count / 2]) / 2;
        var bad = rows.Where(r => r.Expected is ExpectedVerdict.Failed or ExpectedVerdict.NotPassed && r.Verdict != BacktestVerdict.NotFinished).ToList();
        return new BacktestTotals(rows.Count, Count(BacktestVerdict.Passed), Count(BacktestVerdict.Failed), Count(BacktestVerdict.Inconclusive),
            Count(BacktestVerdict.NotFinished), rows.Count(r => r.Superseded), median,
            rows.Count(r => r.Expected is not null), rows.Count(r => r.Disagrees),
            bad.Count(r => !r.Disagrees), bad.Count(r => r.Disagrees),
            rows.Count(r => r.Expected == ExpectedVerdict.Passed && r.Verdict == BacktestVerdict.Failed),
            rows.Count(r => r.Expected is null && r.Verdict == BacktestVerdict.Failed))
        {
            Confusion = BacktestAccuracyRules.Confusion(rows, inconclusive),
        };
    }
}
