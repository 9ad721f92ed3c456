using CommandLine;

namespace DeployVerifier.Cli.Options;

/// <summary>The flags of <c>tune</c>: the labelled past releases, and where the tuned checklist goes.</summary>
[Verb("tune", HelpText = "Propose the values under which a checklist judges every labelled past release as labelled, and write them into a copy of it.")]
internal sealed class TuneOptions : ICommonOptions, ISoakOption, IReleaseWindowOptions
{
    [Option("checklist", HelpText = "The checklist YAML file (env DEPLOY_VERIFIER_CHECKLIST).")]
    public string? Checklist { get; set; }

    [Option("prometheus-url", HelpText = "The Prometheus base address (env PROMETHEUS_URL; else prometheus.url).")]
    public string? PrometheusUrl { get; set; }

    [Option("var", HelpText = "NAME=VALUE for a ${NAME} placeholder; repeat for each (env DEPLOY_VERIFIER_VARS, one per line).")]
    public IEnumerable<string> Vars { get; set; } = [];

    [Option("releases", HelpText = "The labelled releases, one per line: an RFC 3339 start, passed, failed or not-passed (a bad one optionally 'within 30m': caught only if failed by then), and a name; # comments.")]
    public string? Releases { get; set; }

    [Option("from", HelpText = "Tune on the releases that started at or after this time, RFC 3339 with a zone (with --to; needs labels from --label-rollbacks).")]
    public string? From { get; set; }

    [Option("to", HelpText = "Tune on the releases that started at or before this time (default now).")]
    public string? To { get; set; }

    [Option("since", HelpText = "Tune on the releases that started in this long before now, e.g. 30d.")]
    public string? Since { get; set; }

    [Option("label-rollbacks", HelpText = "With a window: a release is bad when, within this long of its start (e.g. 2h), the previous release's instances came back while its own went; good otherwise.")]
    public string? LabelRollbacks { get; set; }

    [Option("soak", HelpText = "How long to watch after each release, e.g. 30m (env DEPLOY_VERIFIER_SOAK; else soak.duration).")]
    public string? Soak { get; set; }

    [Option("parallel", HelpText = "How many releases are judged at once, 1 to 16 (default 4).")]
    public int? Parallel { get; set; }

    [Option("out", HelpText = "Write the tuned copy of the checklist here (never the checklist itself): only the values that move change; comments and layout stay.")]
    public string? Out { get; set; }

    [Option("summary-md", HelpText = "Write the proposal as Markdown here (for a pull request): the values that move, and the releases that flip.")]
    public string? SummaryMd { get; set; }

    /// <summary>tune judges every release it is given: no shards.</summary>
    public string? Shard => null;
}
