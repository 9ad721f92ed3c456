using CommandLine;

namespace DeployVerifier.Cli.Options;

/// <summary>The flags of <c>backtest</c>: which past releases to judge, and where the reports go.</summary>
[Verb("backtest", HelpText = "Judge a checklist against past releases, as verify would have, without waiting, rolling back or notifying.")]
internal sealed class BacktestOptions : ICommonOptions, ISoakOption, IBacktestReportOptions, IReleaseWindowOptions
{
    [Option("checklist", HelpText = "The checklist YAML file (env DEPLOY_VERIFIER_CHECKLIST).")]
    public string? Checklist { get; set; }

    [Option("prometheus-url", HelpText = "The Prometheus base address (env PROMETHEUS_URL; else prometheus.url).")]
    public string? PrometheusUrl { get; set; }

    [Option("var", HelpText = "NAME=VALUE for a ${NAME} placeholder in a query, or a field written ${NAME} (e.g. max: ${max_err} with --var max_err=2%; read with the field's own rules); repeat for each (env DEPLOY_VERIFIER_VARS, one per line).")]
    public IEnumerable<string> Vars { get; set; } = [];

    [Option("from", HelpText = "Judge the releases that started at or after this time, RFC 3339 with a zone (with --to).")]
    public string? From { get; set; }

    [Option("to", HelpText = "Judge the releases that started at or before this time, RFC 3339 with a zone (default now).")]
    public string? To { get; set; }

    [Option("since", HelpText = "Judge the releases that started in this long before now, e.g. 30d or 12h (instead of --from/--to).")]
    public string? Since { get; set; }

    [Option("releases", HelpText = "A file of releases, one per line: an RFC 3339 start, optionally passed, failed or not-passed (a bad one optionally 'within 30m': caught only if blocked by then) and a name; # comments.")]
    public string? Releases { get; set; }

    [Option("label-rollbacks", HelpText = "With a window, label each release from the metrics: bad when, within this long of its start (e.g. 2h), the previous release's instances appear again while its own go; good otherwise. Not with --releases.")]
    public string? LabelRollbacks { get; set; }

    [Option("inconclusive", HelpText = "fail (default): an inconclusive verdict counts as blocking the release in the accuracy; warn: as letting it go (env DEPLOY_VERIFIER_INCONCLUSIVE).")]
    public string? Inconclusive { get; set; }

    [Option("shard", HelpText = "Judge only shard I of N, e.g. 2/4: every N-th release of the sorted list (with --from/--to or --releases; for merge-backtests).")]
    public string? Shard { get; set; }

    [Option("soak", HelpText = "How long to watch after each release, e.g. 30m (env DEPLOY_VERIFIER_SOAK; else soak.duration).")]
    public string? Soak { get; set; }

    [Option("parallel", HelpText = "How many releases are judged at once, 1 to 16 (default 4).")]
    public int? Parallel { get; set; }

    [Option("report-json", HelpText = "Write the backtest's machine-readable report here (schemas/backtest-report.schema.json).")]
    public string? ReportJson { get; set; }

    [Option("summary-md", HelpText = "Write the backtest's Markdown summary here: the totals, then a row per release.")]
    public string? SummaryMd { get; set; }

    [Option("report-html", HelpText = "Write a self-contained HTML page here: a timeline of the releases, then each release's charts.")]
    public string? ReportHtml { get; set; }
}
