using DeployVerifier.Plans;

namespace DeployVerifier.Notifications;

/// <summary>Which release the notifications are about, and where the run can be seen.</summary>
/// <param name="Service">The <c>service</c> variable, when the checklist or <c>--var</c> gives one.</param>
/// <param name="Namespace">The <c>namespace</c> variable, when given.</param>
/// <param name="Release">The release's name once found; null when not identified.</param>
/// <param name="RunUrl">The CI run's page, when known.</param>
/// <param name="DryRun">Every message and alert is marked "[dry run]"; the status page is never touched.</param>
public sealed record NotifyRelease(string? Service, string? Namespace, string? Release, Uri? RunUrl, bool DryRun)
{
    /// <summary>A failure will be rolled back (a rollback is configured, and this is no dry run); default false.</summary>
    public bool RollbackExpected { get; init; }

    /// <summary>Each check's runbook and dashboard, rendered with the run's variables; checks without either are absent.</summary>
    public IReadOnlyDictionary<string, CheckLinks> Links { get; init; } = new Dictionary<string, CheckLinks>(StringComparer.Ordinal);

    /// <summary>"checkout-7d9f (checkout, namespace shop)" or what of it is known.</summary>
    public string Describe() => new Releases.ReleaseSubject(Service, Namespace, null, Release).Describe();

    /// <summary>"[dry run] " on a dry run, else nothing.</summary>
    public string Mark => DryRun ? "[dry run] " : "";
}
