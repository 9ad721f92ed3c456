using DeployVerifier.Quantities;

namespace DeployVerifier.Backtests;

/// <summary>
/// A bad release's deadline (<c>failed within 30m</c> in a <c>--releases</c> file): the checklist catches it only when
/// its verdict is decided at most that long after the release's start (the origin of the time to detect). The one rule
/// the expectations' tally, the accuracy and <c>tune</c> follow; without a deadline every decision is in time.
/// </summary>
public static class ReleaseDeadline
{
    /// <summary>
    /// Whether a verdict decided <paramref name="decidedAfter"/> after the release's start meets <paramref name="deadline"/>:
    /// always without one; with one, only when decided at or before it (a verdict with no decision time, nothing having
    /// been evaluated, meets none).
    /// </summary>
    public static bool Meets(TimeSpan? deadline, TimeSpan? decidedAfter) => deadline is not { } limit || decidedAfter <= limit;

    /// <summary>The expectation as the file writes it: <c>failed</c>, or <c>failed within 30m</c>.</summary>
    public static string Words(ExpectedVerdict expected, TimeSpan? deadline) =>
        deadline is { } limit ? $"{expected.ToWord()} within {PromDuration.Format(limit)}" : expected.ToWord();

    /// <summary>
    /// Why a verdict that blocks missed its deadline, in plain words (<c>failed at +42m, after its 30m deadline</c>);
    /// null when there is no deadline, it was met, or the verdict is one the deadline doesn't bear on (a pass).
    /// </summary>
    public static string? Late(BacktestVerdict verdict, TimeSpan? decidedAfter, TimeSpan? deadline)
    {
        if (deadline is not { } limit || verdict is not (BacktestVerdict.Failed or BacktestVerdict.Inconclusive) || Meets(deadline, decidedAfter))
        {
            return null;
        }

        return decidedAfter is { } after
            ? $"{verdict.ToWord()} at +{PromDuration.Format(after)}, after its {PromDuration.Format(limit)} deadline"
            : $"{verdict.ToWord()} with nothing evaluated, so not decided by its {PromDuration.Format(limit)} deadline";
    }

    /// <summary>
    /// How a blocking verdict met its deadline, to the second (<c>failed at +23m30s, within its 30m deadline</c>): a rounded
    /// "24 min" beside a 23m30s deadline would read as late. Null without a deadline, or when it was missed.
    /// </summary>
    public static string? InTime(BacktestVerdict verdict, TimeSpan? decidedAfter, TimeSpan? deadline) =>
        deadline is { } limit && decidedAfter is { } after && verdict is BacktestVerdict.Failed or BacktestVerdict.Inconclusive && Meets(deadline, decidedAfter)
            ? $"{verdict.ToWord()} at +{PromDuration.Format(after)}, within its {PromDuration.Format(limit)} deadline"
            : null;
}
