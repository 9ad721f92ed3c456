namespace DeployVerifier.Cli.Options;

/// <summary>The flags both verbs share.</summary>
internal interface ICommonOptions
{
    string? Checklist { get; }

    string? PrometheusUrl { get; }

    IEnumerable<string> Vars { get; }
}
