using DeployVerifier.Metrics;

namespace DeployVerifier.Support;

/// <summary>
/// A hand-written store: each query maps to a function of time giving the series' values, so range and instant
/// queries agree by construction. It counts requests and remembers the latest time it was asked about.
/// </summary>
internal sealed class FakeMetricStore : IMetricStore
{
    private readonly Dictionary<string, Func<DateTimeOffset, IEnumerable<(Labels Labels, double Value)>>> _queries = [];
    private readonly Dictionary<string, string> _warnings = [];

    private int _requests;
    private int _rangeRequests;

    public int Requests => _requests;

    public int RangeRequests => _rangeRequests;

    public DateTimeOffset LatestTimeAsked { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>When set, every request throws this.</summary>
    public Exception? Failure { get; set; }

    public FakeMetricStore Serve(string query, Func<DateTimeOffset, IEnumerable<(Labels, double)>> values)
    {
        _queries[query] = values;
        return this;
    }

    /// <summary>Every answer to <paramref name="query"/> carries <paramref name="warning"/>, as Thanos's partial responses do.</summary>
    public FakeMetricStore Warn(string query, string warning)
    {
        _warnings[query] = warning;
        return this;
    }

    public FakeMetricStore Serve(string query, Func<DateTimeOffset, double?> value) =>
        Serve(query, t => value(t) is { } v ? [(Labels.Empty, v)] : []);

    public Task CheckReadyAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Failure is null ? Task.CompletedTask : Task.FromException(Failure);
    }

    public Task<QueryResult> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken) =>
        Answer(query, [time]);

    public Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _rangeRequests);
        var times = new List<DateTimeOffset>();
        for (var t = start; t <= end; t += step)
        {
            times.Add(t);
        }

        return Answer(query, times);
    }

    private Task<QueryResult> Answer(string query, List<DateTimeOffset> times)
    {
        Interlocked.Increment(ref _requests);
        if (Failure is not null)
        {
            return Task.FromException<QueryResult>(Failure);
        }

        if (!_queries.TryGetValue(query, out var values))
        {
            return Task.FromException<QueryResult>(new InvalidQueryException(query, "bad_data", $"unknown query {query}"));
        }

        lock (_queries)
        {
            if (times.Count > 0 && times[^1] > LatestTimeAsked)
            {
                LatestTimeAsked = times[^1];
            }
        }

        var series = times
            .SelectMany(t => values(t).Select(v => (v.Labels, Sample: new Sample(t, v.Value))))
            .GroupBy(p => p.Labels)
            .Select(g => new Series(g.Key, g.Select(p => p.Sample).ToList()))
            .ToList();
        return Task.FromResult(new QueryResult(series, _warnings.TryGetValue(query, out var warning) ? [warning] : []));
    }
}
