namespace DeployVerifier.Backtests;

/// <summary>The verdict a team says a past release should get, in a <c>--releases</c> file.</summary>
public enum ExpectedVerdict
{
    /// <summary><c>passed</c>: a good release the checklist must not block.</summary>
    Passed,

    /// <summary><c>failed</c>: an incident the checklist must catch.</summary>
    Failed,

    /// <summary><c>not-passed</c>: anything but a pass (failed or inconclusive) will do.</summary>
    NotPassed,
}
