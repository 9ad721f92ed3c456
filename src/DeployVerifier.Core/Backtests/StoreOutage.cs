using DeployVerifier.Metrics;

namespace DeployVerifier.Backtests;

/// <summary>
/// Passes queries on, and notes the first time the store could not answer after its retries: from then on the
/// backtest judges no more releases (<see cref="Token"/> is cancelled), and those not judged are inconclusive with the store's words.
/// </summary>
internal sealed class StoreOutage(IMetricStore store) : IMetricStore, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private string? _reason;

    /// <summary>Cancelled once the store could not answer.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>What the store said when it could not answer; null while it answers.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    public Task CheckReadyAsync(CancellationToken cancellationToken) => Watch(() => store.CheckReadyAsync(cancellationToken));

    public Task<QueryResult> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken) =>
        Watch(() => store.QueryAsync(query, time, cancellationToken));

    public Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
        Watch(() => store.QueryRangeAsync(query, start, end, step, cancellationToken));

    public void Dispose() => _stop.Dispose();

    private async Task<T> Watch<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (MetricStoreUnavailableException unavailable)
        {
            Stop(unavailable.Message);
            throw;
        }
    }

    private async Task Watch(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (MetricStoreUnavailableException unavailable)
        {
            Stop(unavailable.Message);
            throw;
        }
    }

    private void Stop(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is null)
        {
            _stop.Cancel();
        }
    }
}
