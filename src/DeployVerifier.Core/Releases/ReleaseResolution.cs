using DeployVerifier.Checklists;

namespace DeployVerifier.Releases;

/// <summary>The release to judge, or why there is none (bad input: exit 2).</summary>
/// <param name="Release">The judged release and how it was found; null with an error.</param>
/// <param name="Target">Its instances' query and the previous release's instances; null with an error.</param>
/// <param name="Note">A line for the console about the release found; null when there is nothing to say.</param>
/// <param name="Error">Why no release can be judged.</param>
public sealed record ReleaseResolution(ReleaseInfo? Release, ReleaseTarget? Target, string? Note, ChecklistError? Error);
