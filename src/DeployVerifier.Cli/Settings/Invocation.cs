using DeployVerifier.Verdicts;

namespace DeployVerifier.Cli.Settings;

/// <summary>What the caller asked for, after flags and the environment: a flag beats the environment, which beats the file.</summary>
/// <param name="ChecklistPath">The checklist file.</param>
/// <param name="PrometheusUrl">The store's address from a flag or the environment; null leaves it to the file.</param>
/// <param name="DeployedAt">When the pipeline says the release was deployed; null when not given (the release is then found from the metrics, or now).</param>
/// <param name="Soak">The soak's length from a flag or the environment; null leaves it to the file.</param>
/// <param name="Vars">Placeholder values from <c>--var</c> (or the environment).</param>
/// <param name="DryRun">Call no rollback.</param>
/// <param name="ReportJson">Where to write the JSON report.</param>
/// <param name="SummaryMd">Where to write the Markdown summary.</param>
/// <param name="ReportHtml">Where to write the HTML report; null writes none.</param>
internal sealed record Invocation(
    string ChecklistPath,
    Uri? PrometheusUrl,
    DateTimeOffset? DeployedAt,
    TimeSpan? Soak,
    IReadOnlyDictionary<string, string> Vars,
    bool DryRun,
    string? ReportJson,
    string? SummaryMd,
    string? ReportHtml = null)
{
    /// <summary>What an inconclusive verdict does to the exit code; default <see cref="InconclusivePolicy.Fail"/>.</summary>
    public InconclusivePolicy Inconclusive { get; init; }

    /// <summary>The GitHub deployment whose status is kept up to date; null posts a commit status instead.</summary>
    public long? DeploymentId { get; init; }

    /// <summary>Send no notification; print what would have been sent (<c>--no-notify</c>).</summary>
    public bool NoNotify { get; init; }

    /// <summary>
    /// Call no rollback, but judge, report and notify as a real run does (<c>--no-rollback</c>): the caller rolls back
    /// itself (an Argo Rollouts analysis aborts the rollout). Unlike <see cref="DryRun"/>, notifications are not marked
    /// and the status page is updated. Default false.
    /// </summary>
    public bool NoRollback { get; init; }

    /// <summary>Whether a failure is rolled back by this run: neither <c>--dry-run</c> nor <c>--no-rollback</c>.</summary>
    public bool RollsBack => !DryRun && !NoRollback;
}
