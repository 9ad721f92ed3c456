using DeployVerifier.Metrics;

namespace DeployVerifier.Soak;

/// <summary>
/// Passes a check's queries on to the store and remembers which times came back as a partial answer: a warning with
/// "partial response" (Thanos, Cortex, Mimir, VictoriaMetrics when a store or shard did not answer). Such data is not a
/// full answer, so the evaluations at those times are not judged. A range answer's warning covers its whole range.
/// </summary>
internal sealed class PartialAnswers(IMetricStore store) : IMetricStore
{
    private readonly List<(DateTimeOffset From, DateTimeOffset To, string Warning)> _partial = [];

    /// <summary>Whether a warning says the answer is partial.</summary>
    public static bool IsPartial(string warning) => warning.Contains("partial response", StringComparison.OrdinalIgnoreCase);

    /// <summary>The warning of a partial answer covering <paramref name="time"/>; null when every answer there was whole.</summary>
    public string? At(DateTimeOffset time)
    {
        foreach (var (from, to, warning) in _partial)
        {
            if (from <= time && time <= to)
            {
                return warning;
            }
        }

        return null;
    }

    public Task CheckReadyAsync(CancellationToken cancellationToken) => store.CheckReadyAsync(cancellationToken);

    public async Task<QueryResult> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken) =>
        Remember(await store.QueryAsync(query, time, cancellationToken).ConfigureAwait(false), time, time);

    public async Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
        Remember(await store.QueryRangeAsync(query, start, end, step, cancellationToken).ConfigureAwait(false), start, end);

    private QueryResult Remember(QueryResult result, DateTimeOffset from, DateTimeOffset to)
    {
        if (result.Warnings.FirstOrDefault(IsPartial) is { } warning)
        {
            _partial.Add((from, to, warning));
        }

        return result;
    }
}
