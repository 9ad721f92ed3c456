using DeployVerifier.Metrics;

namespace DeployVerifier.Releases;

/// <summary>What the soak needs to keep to the judged release's instances.</summary>
/// <param name="InstancesQuery"><c>release.instances</c> rendered for the judged release.</param>
/// <param name="InstanceLabel">The label that names an instance.</param>
/// <param name="PreviousInstances">The previous release's instances, for baselines (<c>${releaseInstances}</c> there).</param>
public sealed record ReleaseTarget(string InstancesQuery, string InstanceLabel, IReadOnlyList<string> PreviousInstances)
{
    /// <summary>How a check's series is paired with its instance; default: on <see cref="InstanceLabel"/> and the scope labels.</summary>
    public SeriesPairing Pairing { get; init; } = SeriesPairing.ForInstances(InstanceLabel);
}
