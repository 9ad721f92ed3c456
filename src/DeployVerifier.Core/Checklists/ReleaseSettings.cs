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
public sealed record ReleaseSettings(string Releases, string Label, string Instances, string InstanceLabel, SourceLocation Location);
