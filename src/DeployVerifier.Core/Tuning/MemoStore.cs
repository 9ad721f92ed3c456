using System.Collections.Concurrent;
using DeployVerifier.Metrics;

namespace DeployVerifier.Tuning;

/// <summary>
/// Answers each distinct query once and then from memory: <c>tune</c> judges every candidate value on what was fetched
/// for the releases' first judgement, without asking Prometheus again.
/// </summary>
internal sealed class MemoStore(IMetricStore store) : IMetricStore
{
    private readonly ConcurrentDictionary<(string Query, DateTimeOffset Start, DateTimeOffset End, TimeSpan Step), Lazy<Task<QueryResult>>> _answers = new();
    private long _requests;

    /// <summary>The queries sent to the store (the others were answered from memory).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public Task CheckReadyAsync(CancellationToken cancellationToken) => store.CheckReadyAsync(cancellationToken);

    public Task<QueryResult> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken) =>
        Answer((query, time, time, TimeSpan.Zero), () => store.QueryAsync(query, time, cancellationToken));

    public Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
        Answer((query, start, end, step), () => store.QueryRangeAsync(query, start, end, step, cancellationToken));

    private Task<QueryResult> Answer((string, DateTimeOffset, DateTimeOffset, TimeSpan) key, Func<Task<QueryResult>> ask) =>
        _answers.GetOrAdd(key, _ => new Lazy<Task<QueryResult>>(() =>
        {
            Interlocked.Increment(ref _requests);
            return ask();
        })).Value;
}
