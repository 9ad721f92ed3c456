using DeployVerifier.Checklists;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Queries;

namespace DeployVerifier.Soak;

/// <summary>
/// Before any waiting: the store must answer, and it must accept every query. Prometheus 2.42 has no parse endpoint,
/// so each query runs once as an instant query and Prometheus's own parser judges it.
/// </summary>
public static class SoakPreflight
{
    private const string RangeVector = "matrix";

    private const string RangeVectorProblem =
        "returns a range vector, but a check needs one value per series at each evaluation: wrap the range, e.g. rate(x[5m]) or max_over_time(x[5m])";

    /// <summary>The checks' invalid queries, each with Prometheus's words; throws <see cref="MetricStoreUnavailableException"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="checks">The checks, rendered.</param>
    /// <param name="at">The time the queries are run at.</param>
    /// <param name="cancellationToken">Stops the preflight.</param>
    /// <param name="releaseQueries">The release section's queries with their keys, if any.</param>
    public static async Task<IReadOnlyList<ChecklistError>> RunAsync(IMetricStore store, IEnumerable<RenderedCheck> checks, DateTimeOffset at,
        CancellationToken cancellationToken, IEnumerable<(string Key, string Query)>? releaseQueries = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(checks);
        await store.CheckReadyAsync(cancellationToken).ConfigureAwait(false);
        var errors = new List<ChecklistError>();
        foreach (var (key, query) in releaseQueries ?? [])
        {
            try
            {
                var answer = await store.QueryAsync(query, at, cancellationToken).ConfigureAwait(false);
                if (answer.ResultType == RangeVector)
                {
                    errors.Add(new ChecklistError($"{key}: {RangeVectorProblem}. Query: {query}"));
                }
            }
            catch (InvalidQueryException invalid)
            {
                errors.Add(new ChecklistError($"{key}: Prometheus refused it ({invalid.ErrorType}): {invalid.ServerMessage}. Query: {query}"));
            }
        }

        foreach (var check in checks)
        {
            foreach (var (role, query) in check.Queries())
            {
                try
                {
                    var answer = await store.QueryAsync(query.Bind(QueryBinding.Preflight), at, cancellationToken).ConfigureAwait(false);
                    if (answer.ResultType == RangeVector)
                    {
                        errors.Add(new ChecklistError($"check '{check.Check.Name}': its {role} {RangeVectorProblem}. Query: {query}", check.Check.Location));
                    }
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
