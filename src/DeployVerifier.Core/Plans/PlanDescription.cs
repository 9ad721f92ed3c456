using DeployVerifier.Releases;

namespace DeployVerifier.Plans;

/// <summary>
/// What <c>plan</c> shows: the effective plan without running it. Built by <see cref="PlanDescriber"/>; the text and the
/// JSON are two renderings of this one record. Durations and bounds are written for people (<c>30m</c>, <c>2%</c>).
/// </summary>
/// <param name="PrometheusUrl">The store's address after the flag and the environment; null when none was given.</param>
/// <param name="Release">How the release is found, and the one found; null when the checklist has no release section.</param>
/// <param name="Schedule">When the checks are evaluated.</param>
/// <param name="Checks">Each check, in the checklist's order.</param>
public sealed record PlanDescription(string? PrometheusUrl, PlanRelease? Release, PlanSchedule Schedule, IReadOnlyList<PlanCheck> Checks);

/// <summary>The release section, rendered, and what it found when the store was asked.</summary>
/// <param name="ReleasesQuery"><c>release.releases</c> with its variables filled in.</param>
/// <param name="Label">The label naming a release.</param>
/// <param name="InstancesQuery"><c>release.instances</c>, for the release found or with <c>${release}</c> left in.</param>
/// <param name="InstanceLabel">The label naming an instance.</param>
/// <param name="Freshness">The selector a live run waits on for data scraped since it began; null when there is none.</param>
/// <param name="WaitFor"><c>release.waitFor</c>: how long a live run waits for fresh data and for the release to start.</param>
/// <param name="PairsOn">How a check's series is paired with its instance, unless the check sets <c>matchOn</c>.</param>
/// <param name="Found">The release found without waiting; null when not looked up (or none was found).</param>
/// <param name="Note">How the lookup went, or that it happens at run time.</param>
public sealed record PlanRelease(string ReleasesQuery, string Label, string InstancesQuery, string InstanceLabel, string? Freshness, string WaitFor,
    string PairsOn, PlanFoundRelease? Found, string Note);

/// <summary>A release found in the store.</summary>
/// <param name="Name">Its name (the release label's value).</param>
/// <param name="StartedAt">Its start: the soak's anchor.</param>
/// <param name="FoundBy">How it was chosen (<see cref="ReleaseInfo.FoundBy"/>).</param>
public sealed record PlanFoundRelease(string? Name, DateTimeOffset StartedAt, string FoundBy);

/// <summary>The evaluation schedule, relative to the soak's anchor (and in time, when the anchor is known).</summary>
/// <param name="Anchor">The soak's anchor when known (the release found, or <c>--deployed-at</c>); null when it is found at run time.</param>
/// <param name="AnchorSource">Where the anchor comes from, in words.</param>
/// <param name="Duration">The soak's length, after <c>--soak</c>.</param>
/// <param name="Interval">Time between evaluations.</param>
/// <param name="WarmUp">Time from the anchor to the first evaluation.</param>
/// <param name="IngestionLag">How long after its time each evaluation is made.</param>
/// <param name="Extension">How much longer undecided checks may be watched; <c>0s</c> for none.</param>
/// <param name="Evaluations">How many evaluations the soak makes.</param>
/// <param name="ExtensionEvaluations">How many more the extension may make.</param>
/// <param name="Offsets">Each evaluation's time after the anchor, e.g. <c>5m</c>.</param>
/// <param name="Times">Each evaluation's time; empty when the anchor is not known.</param>
public sealed record PlanSchedule(DateTimeOffset? Anchor, string AnchorSource, string Duration, string Interval, string WarmUp, string IngestionLag, string Extension,
    int Evaluations, int ExtensionEvaluations, IReadOnlyList<string> Offsets, IReadOnlyList<DateTimeOffset> Times);

/// <summary>One check as it will run.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Kind"><c>threshold</c>, <c>trend</c> or <c>redundancy</c>.</param>
/// <param name="Severity"><c>fail</c> or <c>warn</c> (judged, never blocks).</param>
/// <param name="Unit">How its values are written.</param>
/// <param name="Queries">Its queries as sent, with their keys; late built-ins (<c>${releaseInstances}</c>, <c>${sinceDeploy}</c>) are filled at each evaluation.</param>
/// <param name="Bounds">What each value is held to, in the check's unit after its variables.</param>
/// <param name="Companions">The series paired with the check's series (<c>release.instances</c>, <c>evidence.query</c>, a limit); empty when none.</param>
/// <param name="PairsOn">The labels those are paired on.</param>
/// <param name="Evaluations">How many of the soak's evaluations judge this check (after its own warm-up).</param>
/// <param name="Needs">What the check needs to be judged, and when it fails.</param>
public sealed record PlanCheck(string Name, string Kind, string Severity, string Unit, IReadOnlyList<PlanQuery> Queries, IReadOnlyList<string> Bounds,
    IReadOnlyList<string> Companions, string PairsOn, int Evaluations, IReadOnlyList<string> Needs);

/// <summary>A query with its checklist key.</summary>
public sealed record PlanQuery(string Key, string Query);
