namespace DeployVerifier.Cli.Environment;

/// <summary>The real process environment.</summary>
internal sealed class ProcessEnvironment : IEnvironment
{
    public string? Get(string name) => System.Environment.GetEnvironmentVariable(name);
}
