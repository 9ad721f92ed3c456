using CommandLine;

namespace DeployVerifier.Cli.Options;

/// <summary>The flags of <c>validate</c>: the lint teams run before merging a checklist change.</summary>
[Verb("validate", HelpText = "Check a checklist; with a Prometheus address, also run each query once so Prometheus judges it.")]
internal sealed class ValidateOptions : ICommonOptions
{
    [Option("checklist", HelpText = "The checklist YAML file (env DEPLOY_VERIFIER_CHECKLIST).")]
    public string? Checklist { get; set; }

    [Option("prometheus-url", HelpText = "The Prometheus base address; when given (or in PROMETHEUS_URL or the file), every query is run once.")]
    public string? PrometheusUrl { get; set; }

    [Option("var", HelpText = "NAME=VALUE for a ${NAME} placeholder; repeat for each.")]
    public IEnumerable<string> Vars { get; set; } = [];
}
