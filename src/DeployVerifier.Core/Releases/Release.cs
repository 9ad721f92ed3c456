namespace DeployVerifier.Releases;

/// <summary>One release found by <c>release.releases</c>.</summary>
/// <param name="Name">The value of <c>release.label</c>, e.g. a ReplicaSet's name.</param>
/// <param name="StartedAt">When it started: the smallest value its series had over the range looked at.</param>
public sealed record Release(string Name, DateTimeOffset StartedAt);
