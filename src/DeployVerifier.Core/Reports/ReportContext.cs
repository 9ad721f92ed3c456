using DeployVerifier.Releases;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;

namespace DeployVerifier.Reports;

/// <summary>Everything a report is written from.</summary>
/// <param name="Outcome">How the soak ended.</param>
/// <param name="Rollback">What became of the rollback.</param>
/// <param name="DryRun">Whether the run was a dry run.</param>
/// <param name="PrometheusUrl">The store's address, without credentials.</param>
/// <param name="PrometheusRequests">How many HTTP requests the store was sent.</param>
/// <param name="ToolVersion">The tool's version.</param>
public sealed record ReportContext(
    SoakOutcome Outcome,
    RollbackOutcome Rollback,
    bool DryRun,
    string PrometheusUrl,
    long PrometheusRequests,
    string ToolVersion)
{
    /// <summary>Which release was judged and how it was found; null reads as not identified, anchored at the soak's start.</summary>
    public ReleaseInfo? Release { get; init; }

    /// <summary>Who the headline names (the service, its namespace or job, the release); null names only the release, when found.</summary>
    public ReleaseSubject? Subject { get; init; }

    /// <summary>The subject to name: <see cref="Subject"/>, else the release found.</summary>
    internal ReleaseSubject Named => Subject ?? ReleaseSubject.Of(Release?.Name);

    /// <summary>What was sent to people (alerts, chat messages, the status page); empty when nothing was.</summary>
    public IReadOnlyList<Notifications.NotificationSent> Notifications { get; init; } = [];
}
