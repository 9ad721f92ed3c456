using DeployVerifier.Backtests;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Reports;

/// <summary>
/// Which releases a backtest's accuracy counts and how, written once for the totals, the accuracy and <c>tune</c>: a
/// release labelled <c>failed</c> or <c>not-passed</c> is bad, <c>passed</c> good; a failure blocks it, and so does an
/// inconclusive verdict under <c>--inconclusive fail</c> (the default), which a pipeline stops on as well; a bad release
/// whose label gives a deadline (<c>failed within 30m</c>) is caught only when blocked by then.
/// </summary>
public static class BacktestAccuracyRules
{
    /// <summary>True for a bad label (<c>failed</c>, <c>not-passed</c>), false for <c>passed</c>.</summary>
    public static bool IsBad(ExpectedVerdict label) => label is ExpectedVerdict.Failed or ExpectedVerdict.NotPassed;

    /// <summary>Whether the verdict would have stopped the release: failed, or inconclusive under <see cref="InconclusivePolicy.Fail"/>.</summary>
    public static bool Blocks(BacktestVerdict verdict, InconclusivePolicy inconclusive) =>
        verdict == BacktestVerdict.Failed || (verdict == BacktestVerdict.Inconclusive && inconclusive == InconclusivePolicy.Fail);

    /// <summary>
    /// Whether the row's verdict would have stopped the release in time: it blocks (<see cref="Blocks"/>), and was decided
    /// by the deadline of its label where the label gives one (<see cref="ReleaseDeadline"/>). A bad release blocked
    /// after its deadline is missed: the harm was done by then.
    /// </summary>
    public static bool BlocksInTime(BacktestRow row, InconclusivePolicy inconclusive)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Blocks(row.Verdict, inconclusive) && ReleaseDeadline.Meets(row.Deadline, row.DecidedAfter);
    }

    /// <summary>
    /// Whether a row is in the confusion table: it has a label, its soak is over (a release not finished has no verdict
    /// yet), and the verifier did not roll it back itself (its label would only repeat the verdict; it is listed apart).
    /// </summary>
    public static bool Counts(BacktestRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Expected is not null && row.Verdict != BacktestVerdict.NotFinished && !row.RolledBackByVerifier;
    }

    /// <summary>The table of the rows that count, for the checklist as a whole.</summary>
    public static BacktestConfusion Confusion(IEnumerable<BacktestRow> rows, InconclusivePolicy inconclusive)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Where(Counts).Aggregate(BacktestConfusion.None, (table, row) => table.Add(IsBad(row.Expected!.Value), BlocksInTime(row, inconclusive)));
    }
}
