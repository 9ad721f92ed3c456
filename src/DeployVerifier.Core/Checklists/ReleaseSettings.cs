using DeployVerifier.Metrics;

namespace DeployVerifier.Checklists;

/// <summary>How the release is found in the metrics: which releases exist, when each started, and its instances.</summary>
/// <param name="Releases">
/// A query giving one series per release, whose value is the release's start in unix seconds (the smallest value seen
/// over the looked-up range is taken), e.g. <c>kube_replicaset_created</c> joined with <c>kube_replicaset_owner</c>.
/// </param>
/// <param name="Label">The label of <paramref name="Releases"/> whose value names a release (e.g. <c>replicaset</c>); it fills <c>${release}</c>.</param>
/// <param name="Instances">
/// A query giving one series per instance of the release named by <c>${release}</c>, e.g. <c>kube_pod_owner{owner_name="${release}"}</c>.
/// An instance belongs to the release from its first sample.
/// </param>
/// <param name="InstanceLabel">The label of <paramref name="Instances"/> that names an instance (e.g. <c>pod</c>); it fills <c>${releaseInstances}</c>.</param>
/// <param name="Location">Where the section stands in the checklist file.</param>
public sealed record ReleaseSettings(string Releases, string Label, string Instances, string InstanceLabel, SourceLocation Location)
{
    /// <summary>
    /// <c>matchOn</c>: the labels on which a check's series is paired with its instance, its limit and its evidence;
    /// null (the default) for <see cref="InstanceLabel"/>, and cluster, namespace and container where both series have them.
    /// </summary>
    public IReadOnlyList<string>? MatchOn { get; init; }

    /// <summary>
    /// <c>freshness</c>: the series selector whose newest raw sample proves, in a live run, that the release data was
    /// scraped after the step began; null (the default) for the first selector of <see cref="Releases"/>.
    /// </summary>
    public string? Freshness { get; init; }

    /// <summary><c>waitFor</c>: how long a live run waits for fresh release data and for a release to start; default 2 minutes.</summary>
    public TimeSpan WaitFor { get; init; } = ChecklistDefaults.ReleaseWaitFor;

    /// <summary>
    /// <c>lookback</c>: the store's lookback (Prometheus's <c>--query.lookback-delta</c>), the longest step release
    /// discovery takes so that a release that ran briefly is never stepped over; default 5 minutes, Prometheus's default.
    /// </summary>
    public TimeSpan Lookback { get; init; } = ChecklistDefaults.ReleaseLookback;

    /// <summary>The pairing rule <see cref="MatchOn"/> gives.</summary>
    public SeriesPairing Pairing => MatchOn is { } on ? SeriesPairing.On(on) : SeriesPairing.ForInstances(InstanceLabel);
}
