using CommandLine;

namespace DeployVerifier.Cli.Options;

/// <summary>The flags of <c>verify</c>. Their names are a contract with scripts and the container action.</summary>
[Verb("verify", HelpText = "Soak a release against a checklist, then pass, fail (and roll back) or stay inconclusive.")]
internal sealed class VerifyOptions : ICommonOptions, ISoakOption, IDeployedAtOption
{
    [Option("checklist", HelpText = "The checklist YAML file (env DEPLOY_VERIFIER_CHECKLIST).")]
    public string? Checklist { get; set; }

    [Option("prometheus-url", HelpText = "The Prometheus base address (env PROMETHEUS_URL; else prometheus.url).")]
    public string? PrometheusUrl { get; set; }

    [Option("deployed-at", HelpText = "When the rollout began, RFC 3339 with a zone, e.g. 2024-08-16T13:45:00Z (env DEPLOY_VERIFIER_DEPLOYED_AT). With a release section the newest release that started within 5 min of it is judged; left out, the newest release that still has instances. Without a release section, left out means now.")]
    public string? DeployedAt { get; set; }

    [Option("soak", HelpText = "How long to watch after the deploy, e.g. 30m or 1h30m (env DEPLOY_VERIFIER_SOAK; else soak.duration).")]
    public string? Soak { get; set; }

    [Option("var", HelpText = "NAME=VALUE for a ${NAME} placeholder in a query, or a field written ${NAME} (e.g. max: ${max_err} with --var max_err=2%; read with the field's own rules); repeat for each (env DEPLOY_VERIFIER_VARS, one per line).")]
    public IEnumerable<string> Vars { get; set; } = [];

    [Option("dry-run", HelpText = "Judge, report and exit as usual, but call no rollback, mark every notification [dry run] and leave the status page alone (env DEPLOY_VERIFIER_DRY_RUN=true).")]
    public bool DryRun { get; set; }

    [Option("no-rollback", HelpText = "Judge, report, notify and exit as usual, but call no rollback: for a caller that rolls back itself, such as an Argo Rollouts analysis (env DEPLOY_VERIFIER_NO_ROLLBACK=true).")]
    public bool NoRollback { get; set; }

    [Option("report-json", HelpText = "Write the machine-readable report here (env DEPLOY_VERIFIER_REPORT_JSON).")]
    public string? ReportJson { get; set; }

    [Option("summary-md", HelpText = "Write the Markdown summary here (env DEPLOY_VERIFIER_SUMMARY_MD).")]
    public string? SummaryMd { get; set; }

    [Option("report-html", HelpText = "Write a self-contained HTML page with the verdict and a chart per check here (env DEPLOY_VERIFIER_REPORT_HTML).")]
    public string? ReportHtml { get; set; }

    [Option("inconclusive", HelpText = "fail (default): an inconclusive verdict exits 3; warn: it exits 0 with a CI warning (env DEPLOY_VERIFIER_INCONCLUSIVE).")]
    public string? Inconclusive { get; set; }

    [Option("no-notify", HelpText = "Send no alert, chat message or status-page update; print what would have been sent (env DEPLOY_VERIFIER_NO_NOTIFY=true).")]
    public bool NoNotify { get; set; }

    [Option("deployment-id", HelpText = "On GitHub Actions, the deployment whose status is kept up to date; default a commit status on GITHUB_SHA (env DEPLOY_VERIFIER_DEPLOYMENT_ID).")]
    public string? DeploymentId { get; set; }
}
