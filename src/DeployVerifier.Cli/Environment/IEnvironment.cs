namespace DeployVerifier.Cli.Environment;

/// <summary>The process environment behind a seam, so tests give their own variables.</summary>
internal interface IEnvironment
{
    string? Get(string name);
}
