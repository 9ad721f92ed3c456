using DeployVerifier.Checklists;
using DeployVerifier.Metrics;
using DeployVerifier.Queries;

namespace DeployVerifier.Soak;

/// <summary>
/// Before any waiting: the store must answer, and it must accept every query. Prometheus 2.42 has no parse endpoint,
/// so each query runs once as an instant query and Prometheus's own parser judges it.
/// </summary>
public static class SoakPreflight
{
    /// <summary>The checks' invalid queries, each with Prometheus's words; throws <see cref="MetricStoreUnavailableException"/>.</summary>
    public static async Task<IReadOnlyList<ChecklistError>> RunAsync(IMetricStore store, IEnumerable<RenderedCheck> checks, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await store.CheckReadyAsync(cancellationToken).ConfigureAwait(false);
        var errors = new List<ChecklistError>();
        foreach (var check in checks)
        {
            foreach (var (role, query) in check.Queries())
            {
                try
                {
                    await store.QueryAsync(BuiltInVariables.AtEvaluation(query, TimeSpan.FromMinutes(1)), at, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidQueryException invalid)
                {
                    errors.Add(new ChecklistError(
                        $"check '{check.Check.Name}': Prometheus refused its {role} ({invalid.ErrorType}): {invalid.ServerMessage}. Query: {query}",
                        check.Check.Location));
                }
            }
        }

        return errors;
    }
}
