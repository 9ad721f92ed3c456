namespace DeployVerifier.Verdicts;

/// <summary>
/// What an inconclusive verdict does (<c>--inconclusive</c>); the default is <see cref="Fail"/>. <c>verify</c> follows it in
/// its exit code, a backtest in whether an inconclusive release counts as blocked (its accuracy).
/// </summary>
public enum InconclusivePolicy
{
    /// <summary>Exit 3: the step fails, so nobody mistakes "could not judge" for a pass; the release is blocked.</summary>
    Fail,

    /// <summary>Exit 0 with a warning (GitHub <c>::warning::</c>, Azure <c>SucceededWithIssues</c>); the verdict and reports stay inconclusive, and the release goes on.</summary>
    Warn,
}
