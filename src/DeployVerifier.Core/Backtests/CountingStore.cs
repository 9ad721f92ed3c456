using DeployVerifier.Metrics;

namespace DeployVerifier.Backtests;

/// <summary>Counts the queries one release sends, for its report.</summary>
internal sealed class CountingStore(IMetricStore store) : IMetricStore
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public Task CheckReadyAsync(CancellationToken cancellationToken) => store.CheckReadyAsync(cancellationToken);

    public Task<QueryResult> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return store.QueryAsync(query, time, cancellationToken);
    }

    public Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return store.QueryRangeAsync(query, start, end, step, cancellationToken);
    }
}
