using CommandLine;

namespace DeployVerifier.Cli.Options;

/// <summary>The flags of <c>validate</c>: the lint teams run before merging a checklist change.</summary>
[Verb("validate", HelpText = "Check a checklist as strictly as verify (required --var values included), then run each query once so Prometheus judges it; --offline checks the file only. Exit 0 valid, 2 invalid, 3 Prometheus unreachable.")]
internal sealed class ValidateOptions : ICommonOptions
{
    [Option("checklist", HelpText = "The checklist YAML file (env DEPLOY_VERIFIER_CHECKLIST).")]
    public string? Checklist { get; set; }

    [Option("prometheus-url", HelpText = "The Prometheus base address every query is run against once (env PROMETHEUS_URL; else prometheus.url); required unless --offline.")]
    public string? PrometheusUrl { get; set; }

    [Option("var", HelpText = "NAME=VALUE for a ${NAME} placeholder in a query, or a field written ${NAME} (e.g. max: ${max_err} with --var max_err=2%); repeat for each (env DEPLOY_VERIFIER_VARS, one per line). A required variable (~ in vars) must be given, as for verify.")]
    public IEnumerable<string> Vars { get; set; } = [];

    /// <summary>Check everything but the queries, without a Prometheus; default false.</summary>
    [Option("offline", HelpText = "Check the file, flags and variables only; the queries are not sent to Prometheus (PromQL is then not checked). Default off.")]
    public bool Offline { get; set; }
}
