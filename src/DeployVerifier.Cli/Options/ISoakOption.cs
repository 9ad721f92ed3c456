namespace DeployVerifier.Cli.Options;

/// <summary>The verbs that soak: their <c>--soak</c> overrides <c>soak.duration</c>.</summary>
internal interface ISoakOption
{
    string? Soak { get; }
}
