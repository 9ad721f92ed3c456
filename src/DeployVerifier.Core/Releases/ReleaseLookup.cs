using DeployVerifier.Metrics;

namespace DeployVerifier.Releases;

/// <summary>How to find releases and their instances: the checklist's <c>release</c> section, rendered.</summary>
/// <param name="ReleasesQuery"><c>release.releases</c> with its placeholders filled in.</param>
/// <param name="Label">The label that names a release.</param>
/// <param name="InstancesQuery"><c>release.instances</c> for a release's name.</param>
/// <param name="InstanceLabel">The label that names an instance.</param>
public sealed record ReleaseLookup(string ReleasesQuery, string Label, Func<string, string> InstancesQuery, string InstanceLabel)
{
    /// <summary>How a check's series is paired with its instance; default: on <see cref="InstanceLabel"/> and the scope labels.</summary>
    public SeriesPairing Pairing { get; init; } = SeriesPairing.ForInstances(InstanceLabel);

    /// <summary>
    /// The selector whose raw sample times show, in a live run, whether the release data was scraped after the run
    /// began: <c>release.freshness</c>, else the first selector of <see cref="ReleasesQuery"/>; null when it has none.
    /// </summary>
    public string? Freshness { get; init; } = FreshnessSelector.Find(ReleasesQuery);

    /// <summary><c>release.waitFor</c>: how long a live run waits for fresh release data, and for the release to start.</summary>
    public TimeSpan WaitFor { get; init; } = Checklists.ChecklistDefaults.ReleaseWaitFor;

    /// <summary><c>release.lookback</c>: the longest step release discovery takes (<see cref="ReleaseFinder"/>).</summary>
    public TimeSpan Lookback { get; init; } = Checklists.ChecklistDefaults.ReleaseLookback;

    /// <summary>The release's target: <paramref name="name"/>'s instances, paired the lookup's way.</summary>
    public ReleaseTarget Target(string name, IReadOnlyList<string> previousInstances) =>
        new(InstancesQuery(name), InstanceLabel, previousInstances) { Pairing = Pairing };
}
