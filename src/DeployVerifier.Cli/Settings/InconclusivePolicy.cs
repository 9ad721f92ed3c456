namespace DeployVerifier.Cli.Settings;

/// <summary>What an inconclusive verdict does to the step (<c>--inconclusive</c>); the default is <see cref="Fail"/>.</summary>
internal enum InconclusivePolicy
{
    /// <summary>Exit 3: the step fails, so nobody mistakes "could not judge" for a pass.</summary>
    Fail,

    /// <summary>Exit 0 with a warning (GitHub <c>::warning::</c>, Azure <c>SucceededWithIssues</c>); the verdict and reports stay inconclusive.</summary>
    Warn,
}
