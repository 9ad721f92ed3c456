namespace DeployVerifier.Verdicts;

/// <summary>How a verdict is written everywhere: the reports, the CI systems and the rollback's environment.</summary>
public static class VerdictWords
{
    /// <summary><c>passed</c>, <c>failed</c> or <c>inconclusive</c>.</summary>
    public static string ToWord(this Verdict verdict) => verdict switch
    {
        Verdict.Passed => "passed",
        Verdict.Failed => "failed",
        _ => "inconclusive",
    };
}
