namespace DeployVerifier.Plans;

/// <summary>What the invocation adds to a checklist: its flags and environment, already read by the CLI.</summary>
/// <param name="Vars">Placeholder values from <c>--var</c>.</param>
/// <param name="Soak">The soak's length from <c>--soak</c>; null leaves it to the checklist.</param>
/// <param name="PrometheusUrl">The store's address from a flag or the environment; null leaves it to the checklist.</param>
/// <param name="StandIn">
/// A value for required variables not given, for <c>validate</c>: a lint checks the queries' shape, and the value of a
/// label does not change whether Prometheus can parse them. Null (for <c>verify</c>) makes them errors.
/// </param>
/// <param name="DeployedAt">The <c>--deployed-at</c> given, if any.</param>
/// <param name="Now">The current time, which bounds <paramref name="DeployedAt"/>.</param>
public sealed record PlanRequest(IReadOnlyDictionary<string, string> Vars, TimeSpan? Soak = null, Uri? PrometheusUrl = null, string? StandIn = null,
    DateTimeOffset? DeployedAt = null, DateTimeOffset? Now = null);
