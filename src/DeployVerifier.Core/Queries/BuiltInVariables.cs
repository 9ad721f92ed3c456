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

    /// <summary>Every built-in name.</summary>
    public static IReadOnlyList<string> Names { get; } = [DeployedAt, DeployedAtUnix, SoakDuration, SinceDeploy];

    /// <summary>True for a built-in whose value is a number or a duration, so it may stand outside a string literal.</summary>
    public static bool MayStandOutsideLiteral(string name) => name is DeployedAtUnix or SoakDuration or SinceDeploy;

    /// <summary>Fills in <see cref="SinceDeploy"/> for one evaluation (at least a second: a range can't be empty).</summary>
    public static string AtEvaluation(string query, TimeSpan sinceDeploy) =>
        query.Replace(SinceDeployPlaceholder, Quantities.PromDuration.Format(sinceDeploy < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : sinceDeploy),
            StringComparison.Ordinal);

    public static bool IsBuiltIn(string name) => Names.Contains(name, StringComparer.Ordinal);
}
