namespace DeployVerifier.Releases;

/// <summary>Which release was judged and how it was found, for the report.</summary>
/// <param name="Name">The release's name; null when the checklist has no <c>release</c> section (not identified).</param>
/// <param name="StartedAt">The soak's anchor: the release's start, or the deploy time given (or now) when not identified.</param>
/// <param name="FoundBy">
/// <c>deployed-at</c> (the newest release started within 5 min of <c>--deployed-at</c>), <c>instances-since</c> (none
/// started then: the release whose instances started since <c>--deployed-at</c> − 5 min, anchored at <c>--deployed-at</c>),
/// <c>latest</c> (the newest release that still has instances), or <c>not-identified</c>.
/// </param>
/// <param name="DeployedAtGiven">The <c>--deployed-at</c> given, if any.</param>
public sealed record ReleaseInfo(string? Name, DateTimeOffset StartedAt, string FoundBy, DateTimeOffset? DeployedAtGiven)
{
    public const string ByDeployedAt = "deployed-at";
    public const string ByInstancesSince = "instances-since";
    public const string ByLatest = "latest";
    public const string NotIdentified = "not-identified";
}
