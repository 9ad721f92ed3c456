using DeployVerifier.Backtests;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Reports;

/// <summary>
/// A backtest's accuracy against its labels (<c>--releases</c> expectations or <c>--label-rollbacks</c>): the checklist's
/// figures and each check's, with its closest calls. Counted from the rows (so a merge of shards gives what one run
/// gives), with the same rule as the totals' table (<see cref="BacktestAccuracyRules"/>): one count, two views.
/// </summary>
/// <param name="Inconclusive">Whether an inconclusive verdict blocked (<c>fail</c>, the default) or let the release go (<c>warn</c>).</param>
/// <param name="Checklist">The checklist's figures.</param>
/// <param name="Checks">Each check's, in the checklist's order.</param>
/// <param name="Unlabelled">Releases judged but not counted: no label, or a soak not over.</param>
/// <param name="RolledBackByVerifier">Releases the verifier rolled back itself (found by the annotation it leaves), listed apart and not counted.</param>
public sealed record BacktestScorecard(InconclusivePolicy Inconclusive, BacktestAccuracy Checklist, IReadOnlyList<BacktestCheckAccuracy> Checks, int Unlabelled,
    IReadOnlyList<string> RolledBackByVerifier)
{
    /// <summary>How many close calls each side of a check lists.</summary>
    public const int CloseCallsShown = 3;

    /// <summary>The scorecard of <paramref name="rows"/> under <paramref name="inconclusive"/>; reads each counted release's own report for its checks.</summary>
    public static BacktestScorecard Of(IReadOnlyList<BacktestRow> rows, InconclusivePolicy inconclusive)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var counted = rows.Where(BacktestAccuracyRules.Counts).ToList();
        var table = BacktestAccuracyRules.Confusion(counted, inconclusive);
        var caughtTimes = counted
            .Where(r => BacktestAccuracyRules.IsBad(r.Expected!.Value) && BacktestAccuracyRules.BlocksInTime(r, inconclusive) && r.DecidedAt is not null)
            .Select(r => r.DecidedAt!.Value - r.StartedAt);
        var checklist = new BacktestAccuracy(table, TimeToDetect.Of(caughtTimes));

        var reports = counted.Select(r => (Row: r, Bad: BacktestAccuracyRules.IsBad(r.Expected!.Value), Checks: r.Report().Checks)).ToList();
        var names = reports.SelectMany(r => r.Checks.Select(c => c.Name)).Distinct(StringComparer.Ordinal).ToList();
        var checks = names.Select(name => Check(name, reports)).ToList();
        return new BacktestScorecard(inconclusive, checklist, checks, rows.Count - counted.Count - rows.Count(r => r.RolledBackByVerifier),
            [.. rows.Where(r => r.RolledBackByVerifier).Select(r => r.Name)]);
    }

    private static BacktestCheckAccuracy Check(string name, List<(BacktestRow Row, bool Bad, IReadOnlyList<JsonCheck> Checks)> reports)
    {
        var table = BacktestConfusion.None;
        var times = new List<TimeSpan>();
        var falseAlarms = new List<string>();
        var catches = new List<string>();
        var first = new List<string>();
        var good = new List<BacktestCloseCall>();
        var bad = new List<BacktestCloseCall>();
        var severity = "fail";
        foreach (var (row, isBad, checks) in reports)
        {
            if (checks.FirstOrDefault(c => c.Name == name) is not { } check)
            {
                continue;
            }

            severity = check.Severity;

            // A blocking check's failure ends the soak, so it was decided with the verdict; a warn check's at its first failing evaluation.
            var at = check.Severity == "fail" ? row.DecidedAt : check.FirstFailureAt;

            // A failure after the release's deadline is no catch, as for the checklist (BacktestAccuracyRules.BlocksInTime).
            var failed = check.Outcome == "failed" && (!isBad || ReleaseDeadline.Meets(row.Deadline, at - row.StartedAt));
            table = table.Add(isBad, failed);
            (isBad ? catches : falseAlarms).AddRange(failed ? [row.Name] : []);
            if (isBad && failed)
            {
                first.AddRange(row.FailingCheck == name ? [row.Name] : []);
                times.AddRange(at is { } t ? [t - row.StartedAt] : []);
            }

            if (BacktestCloseCall.Of(row, check) is { } call)
            {
                (isBad ? bad : failed ? null : good)?.Add(call);
            }
        }

        return new BacktestCheckAccuracy(name, severity, new BacktestAccuracy(table, TimeToDetect.Of(times)), falseAlarms, catches, first,
            [.. good.OrderBy(c => c.Nearness).ThenByDescending(c => c.FailedEvaluations).Take(CloseCallsShown)],
            [.. bad.OrderBy(c => Math.Abs(c.Nearness)).ThenBy(c => c.FailedEvaluations).Take(CloseCallsShown)]);
    }
}
