namespace DeployVerifier.Releases;

/// <summary>What the soak needs to keep to the judged release's instances.</summary>
/// <param name="InstancesQuery"><c>release.instances</c> rendered for the judged release.</param>
/// <param name="InstanceLabel">The label that names an instance.</param>
/// <param name="PreviousInstances">The previous release's instances, for baselines (<c>${releaseInstances}</c> there).</param>
public sealed record ReleaseTarget(string InstancesQuery, string InstanceLabel, IReadOnlyList<string> PreviousInstances);
