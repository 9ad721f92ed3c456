namespace DeployVerifier.Releases;

/// <summary>How to find releases and their instances: the checklist's <c>release</c> section, rendered.</summary>
/// <param name="ReleasesQuery"><c>release.releases</c> with its placeholders filled in.</param>
/// <param name="Label">The label that names a release.</param>
/// <param name="InstancesQuery"><c>release.instances</c> for a release's name.</param>
/// <param name="InstanceLabel">The label that names an instance.</param>
public sealed record ReleaseLookup(string ReleasesQuery, string Label, Func<string, string> InstancesQuery, string InstanceLabel);
