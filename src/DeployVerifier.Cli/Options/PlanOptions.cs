using CommandLine;

namespace DeployVerifier.Cli.Options;

/// <summary>The flags of <c>plan</c>: what verify would run, shown without running it.</summary>
[Verb("plan", HelpText = "Show the effective plan without running it: the release it would judge (or how it is found), each check's rendered queries, bounds, pairing labels and needs, and the evaluation schedule. Never waits. Exit 0 printed, 2 invalid, 3 Prometheus unreachable when resolving the release (--offline skips it).")]
internal sealed class PlanOptions : ICommonOptions, ISoakOption, IDeployedAtOption
{
    [Option("checklist", HelpText = "The checklist YAML file (env DEPLOY_VERIFIER_CHECKLIST).")]
    public string? Checklist { get; set; }

    [Option("prometheus-url", HelpText = "The Prometheus base address the release is looked up in (env PROMETHEUS_URL; else prometheus.url); needed for a release section unless --offline.")]
    public string? PrometheusUrl { get; set; }

    [Option("var", HelpText = "NAME=VALUE for a ${NAME} placeholder, as for verify; repeat for each (env DEPLOY_VERIFIER_VARS, one per line). A required variable (~ in vars) must be given.")]
    public IEnumerable<string> Vars { get; set; } = [];

    [Option("deployed-at", HelpText = "When the rollout began, RFC 3339 with a zone, as for verify (env DEPLOY_VERIFIER_DEPLOYED_AT).")]
    public string? DeployedAt { get; set; }

    [Option("soak", HelpText = "How long verify would watch, e.g. 30m (env DEPLOY_VERIFIER_SOAK; else soak.duration).")]
    public string? Soak { get; set; }

    /// <summary>Print the plan as JSON; default false (text).</summary>
    [Option("json", HelpText = "Print the plan as JSON instead of text. Default off.")]
    public bool Json { get; set; }

    /// <summary>Don't look the release up; default false.</summary>
    [Option("offline", HelpText = "Don't contact Prometheus: say how the release would be found rather than finding it. Default off.")]
    public bool Offline { get; set; }
}
