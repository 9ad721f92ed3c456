namespace DeployVerifier.Verdicts;

/// <summary>The answer to "is this release good?". Exit codes: passed 0, failed 1, inconclusive 3.</summary>
public enum Verdict
{
    /// <summary>Every check was judged over the whole soak, with enough data, and passed.</summary>
    Passed,

    /// <summary>A check failed: the release is bad and the rollback is called.</summary>
    Failed,

    /// <summary>The release could not be seen well enough to judge: never a pass, never a rollback.</summary>
    Inconclusive,
}
