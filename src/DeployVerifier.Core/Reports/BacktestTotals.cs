using DeployVerifier.Backtests;

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
/// <param name="BadCaught">Releases expected <c>failed</c> or <c>not-passed</c> that failed.</param>
/// <param name="BadMissed">Releases expected <c>failed</c> or <c>not-passed</c> that did not fail (passed or inconclusive).</param>
/// <param name="GoodBlocked">Releases expected <c>passed</c> that failed: the checklist would have rolled back a good release.</param>
public sealed record BacktestTotals(int Releases, int Passed, int Failed, int Inconclusive, int NotFinished, int Superseded, TimeSpan? MedianTimeToFailure,
    int Expected, int Disagreeing, int BadCaught, int BadMissed, int GoodBlocked)
{
    /// <summary>Counts the rows; a merge counts its merged rows the same way (never adding up the shards' totals).</summary>
    public static BacktestTotals Of(IReadOnlyList<BacktestRow> rows)
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
            bad.Count(r => r.Verdict == BacktestVerdict.Failed), bad.Count(r => r.Verdict != BacktestVerdict.Failed),
            rows.Count(r => r.Expected == ExpectedVerdict.Passed && r.Verdict == BacktestVerdict.Failed));
    }
}
