namespace DeployVerifier.Plans;

/// <summary>What the invocation adds to a checklist: its flags and environment, already read by the CLI.</summary>
/// <param name="Vars">Placeholder values from <c>--var</c>.</param>
/// <param name="Soak">The soak's length from <c>--soak</c>; null leaves it to the checklist.</param>
/// <param name="PrometheusUrl">The store's address from a flag or the environment; null leaves it to the checklist.</param>
/// <param name="Store">
/// Whether the store will be contacted, so that a missing address is an error of the plan (default
/// <see cref="StoreNeed.None"/>). Required variables are never stood in for: <c>validate</c> is as strict as <c>verify</c>.
/// </param>
/// <param name="DeployedAt">The <c>--deployed-at</c> given, if any.</param>
/// <param name="Now">The current time, which bounds <paramref name="DeployedAt"/>.</param>
public sealed record PlanRequest(IReadOnlyDictionary<string, string> Vars, TimeSpan? Soak = null, Uri? PrometheusUrl = null, StoreNeed Store = StoreNeed.None,
    DateTimeOffset? DeployedAt = null, DateTimeOffset? Now = null);
