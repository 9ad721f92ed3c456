namespace DeployVerifier.Queries;

/// <summary>The variables every query may use, their values supplied by the caller; a checklist's <c>vars</c> may not redefine them.</summary>
public static class BuiltInVariables
{
    /// <summary>The deploy's time in RFC 3339, e.g. <c>2025-01-31T12:00:00Z</c>; only inside a string literal.</summary>
    public const string DeployedAt = "deployedAt";

    /// <summary>The deploy's time in unix seconds, e.g. for the <c>@</c> modifier; may stand outside a literal.</summary>
    public const string DeployedAtUnix = "deployedAtUnix";

    /// <summary>The soak's duration in Prometheus syntax, e.g. <c>30m</c> for a range selector; may stand outside a literal.</summary>
    public const string SoakDuration = "soakDuration";

    /// <summary>
    /// The time from the deploy to the evaluation in Prometheus syntax, e.g. <c>12m30s</c> in
    /// <c>increase(restarts[${sinceDeploy}])</c>; may stand outside a literal. Its value changes with every evaluation,
    /// so a query that uses it is sent once per evaluation rather than fetched with one range query.
    /// </summary>
    public const string SinceDeploy = "sinceDeploy";

    /// <summary>How <see cref="SinceDeploy"/> stands in a rendered query until each evaluation fills it in.</summary>
    public const string SinceDeployPlaceholder = "${" + SinceDeploy + "}";

    /// <summary>The judged release's name (the value of <c>release.label</c>, e.g. a ReplicaSet); only inside a string literal.</summary>
    public const string Release = "release";

    /// <summary>
    /// The release's instances as a regex alternation, each value escaped (e.g. <c>pod=~"${releaseInstances}"</c>); only inside a
    /// <c>=~</c>/<c>!~</c> matcher. It grows as instances start, so it is filled in at each fetch; in a baseline it names the
    /// previous release's instances.
    /// </summary>
    public const string ReleaseInstances = "releaseInstances";

    /// <summary>Every built-in name.</summary>
    public static IReadOnlyList<string> Names { get; } = [DeployedAt, DeployedAtUnix, SoakDuration, SinceDeploy, Release, ReleaseInstances];

    /// <summary>Built-ins whose values change during the soak: they stay slots in a <see cref="QueryText"/> until each fetch.</summary>
    public static bool IsLate(string name) => name is SinceDeploy or ReleaseInstances;

    /// <summary>True for a built-in whose value is a number or a duration, so it may stand outside a string literal.</summary>
    public static bool MayStandOutsideLiteral(string name) => name is DeployedAtUnix or SoakDuration or SinceDeploy;

    /// <summary>The value of <see cref="SinceDeploy"/> for one evaluation (at least a second: a range can't be empty).</summary>
    public static string SinceDeployValue(TimeSpan sinceDeploy) =>
        Quantities.PromDuration.Format(sinceDeploy < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : sinceDeploy);

    public static bool IsBuiltIn(string name) => Names.Contains(name, StringComparer.Ordinal);
}
