namespace DeployVerifier.Metrics;

/// <summary>
/// The narrow port to a Prometheus-compatible store. Implementations retry transient failures themselves and throw
/// <see cref="MetricStoreUnavailableException"/> once they give up, or <see cref="InvalidQueryException"/> for a
/// query the server refuses. The evaluator never sees retries.
/// </summary>
public interface IMetricStore
{
    /// <summary>Throws <see cref="MetricStoreUnavailableException"/> when the store is not reachable or not ready.</summary>
    Task CheckReadyAsync(CancellationToken cancellationToken);

    /// <summary>An instant query at <paramref name="time"/>.</summary>
    Task<QueryResult> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>
    /// A range query evaluated at <c>start + k·step</c> up to and including <paramref name="end"/>; each point equals
    /// an instant query at its time. Ranges longer than the server's 11,000 points per series are split.
    /// </summary>
    Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken);
}
