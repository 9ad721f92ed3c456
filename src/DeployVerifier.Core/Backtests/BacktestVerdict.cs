using DeployVerifier.Verdicts;

namespace DeployVerifier.Backtests;

/// <summary>What a backtest says of one past release: the verdict <c>verify</c> would have given, or that its soak is not over yet.</summary>
public enum BacktestVerdict
{
    /// <summary>The soak passed.</summary>
    Passed,

    /// <summary>A check failed: <c>verify</c> would have rolled it back.</summary>
    Failed,

    /// <summary>It could not be judged (no data, Prometheus unreachable).</summary>
    Inconclusive,

    /// <summary>Its soak is not over at the time of the backtest, and nothing has failed so far; a backtest never waits.</summary>
    NotFinished,
}

/// <summary>How the backtest's verdicts and expectations are written and compared.</summary>
public static class BacktestWords
{
    /// <summary><c>passed</c>, <c>failed</c>, <c>inconclusive</c> or <c>not-finished</c>.</summary>
    public static string ToWord(this BacktestVerdict verdict) => verdict switch
    {
        BacktestVerdict.Passed => "passed",
        BacktestVerdict.Failed => "failed",
        BacktestVerdict.Inconclusive => "inconclusive",
        _ => "not-finished",
    };

    /// <summary>The verdict a word of <see cref="ToWord(BacktestVerdict)"/> names, as a report writes it; null when it names none.</summary>
    public static BacktestVerdict? ParseVerdict(string word) =>
        Enum.GetValues<BacktestVerdict>().Select(v => (BacktestVerdict?)v).FirstOrDefault(v => v!.Value.ToWord() == word);

    /// <summary><c>passed</c>, <c>failed</c> or <c>not-passed</c>.</summary>
    public static string ToWord(this ExpectedVerdict expected) => expected switch
    {
        ExpectedVerdict.Passed => "passed",
        ExpectedVerdict.Failed => "failed",
        _ => "not-passed",
    };

    /// <summary>The expectation a word in a <c>--releases</c> file names; null when it names none.</summary>
    public static ExpectedVerdict? ParseExpected(string word) => word switch
    {
        "passed" => ExpectedVerdict.Passed,
        "failed" => ExpectedVerdict.Failed,
        "not-passed" => ExpectedVerdict.NotPassed,
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="verdict"/> is what <paramref name="expected"/> asks for: <c>passed</c> and <c>failed</c>
    /// exactly, <c>not-passed</c> a failure or an inconclusive verdict. A soak not over yet agrees with no expectation: it
    /// has no verdict yet.
    /// </summary>
    public static bool Agrees(this BacktestVerdict verdict, ExpectedVerdict expected) => expected switch
    {
        ExpectedVerdict.Passed => verdict == BacktestVerdict.Passed,
        ExpectedVerdict.Failed => verdict == BacktestVerdict.Failed,
        _ => verdict is BacktestVerdict.Failed or BacktestVerdict.Inconclusive,
    };

    /// <summary>
    /// Whether <paramref name="verdict"/>, decided <paramref name="decidedAfter"/> after the release's start, is what
    /// <paramref name="expected"/> asks for by <paramref name="deadline"/> (<see cref="ReleaseDeadline"/>): a verdict
    /// that agrees but was decided after the deadline disagrees, a late catch being a miss.
    /// </summary>
    public static bool Agrees(this BacktestVerdict verdict, ExpectedVerdict expected, TimeSpan? deadline, TimeSpan? decidedAfter) =>
        verdict.Agrees(expected) && ReleaseDeadline.Meets(deadline, decidedAfter);

    /// <summary>The backtest's word for a soak's verdict.</summary>
    public static BacktestVerdict From(Verdict verdict) => verdict switch
    {
        Verdict.Passed => BacktestVerdict.Passed,
        Verdict.Failed => BacktestVerdict.Failed,
        _ => BacktestVerdict.Inconclusive,
    };
}
