using DeployVerifier.Metrics;
using DeployVerifier.Queries;

namespace DeployVerifier.Measurements;

/// <summary>
/// The history of one query on one grid, fetched with range queries and extended as the soak advances, so a replay
/// costs one request per query rather than one per evaluation. Points sit on the soak's tick grid, so each equals an
/// instant query at its time. An answer's point is placed on the grid point it answers (the nearest, within half a
/// step), never by exact time equality: a store rounds the times it is sent (Prometheus to the millisecond, so a deploy
/// time with sub-second digits never matches exactly) or aligns a range to the step.
/// </summary>
internal sealed class SeriesBuffer
{
    private readonly Dictionary<Labels, List<Sample>> _series = [];
    private readonly IMetricStore _store;
    private readonly SoakSchedule _schedule;
    private readonly Func<DateTimeOffset, IReadOnlyList<string>> _instances;
    private readonly List<(DateTimeOffset From, DateTimeOffset To, string Warning)> _partial = [];
    private DateTimeOffset _next;

    /// <param name="store">Where the history comes from.</param>
    /// <param name="schedule">The soak, whose ticks give the grid.</param>
    /// <param name="query">The query; its late built-ins are filled in at each fetch.</param>
    /// <param name="from">The first time fetched (aligned up to the grid).</param>
    /// <param name="step">The grid's step.</param>
    /// <param name="instances">The release's instances known through a time, for <c>${releaseInstances}</c>; none without a release.</param>
    public SeriesBuffer(IMetricStore store, SoakSchedule schedule, QueryText query, DateTimeOffset from, TimeSpan step,
        Func<DateTimeOffset, IReadOnlyList<string>>? instances = null)
    {
        _store = store;
        _schedule = schedule;
        Query = query;
        Step = step;
        _instances = instances ?? (_ => []);
        _next = schedule.AlignUp(from, step);
    }

    public QueryText Query { get; }

    /// <summary>Every series seen so far.</summary>
    public IEnumerable<Labels> SeriesLabels => _series.Keys;

    /// <summary>How many series the buffer holds; a series, once in, keeps its first sample (the buffer only appends).</summary>
    public int SeriesCount => _series.Count;

    public TimeSpan Step { get; }

    public HashSet<string> Warnings { get; } = [];

    /// <summary>Fetches whatever is missing up to <paramref name="time"/>; throws <see cref="MetricStoreException"/>.</summary>
    public async Task EnsureThroughAsync(DateTimeOffset time, CancellationToken cancellationToken)
    {
        var end = _schedule.AlignDown(time, Step);
        if (end < _next)
        {
            return;
        }

        // A range fetched at once names every instance known by its end: an instance has no samples before it starts.
        var result = Query.UsesSinceDeploy
            ? await PerEvaluationAsync(end, cancellationToken).ConfigureAwait(false)
            : await _store.QueryRangeAsync(Query.Bind(new QueryBinding(TimeSpan.Zero, _instances(end))), _next, end, Step, cancellationToken)
                .ConfigureAwait(false);
        foreach (var series in result.Series)
        {
            List<Sample>? samples = null;
            foreach (var sample in series.Samples)
            {
                if (OnGrid(sample.Time) is not { } at || at < _next || at > end)
                {
                    continue;
                }

                if (samples is null && !_series.TryGetValue(series.Labels, out samples))
                {
                    _series[series.Labels] = samples = [];
                }

                if (samples.Count == 0 || samples[^1].Time < at)
                {
                    samples.Add(sample with { Time = at });
                }
            }
        }

        Warnings.UnionWith(result.Warnings);
        if (result.Warnings.FirstOrDefault(PartialAnswers.IsPartial) is { } partial)
        {
            _partial.Add((_next, end, partial));
        }

        _next = end + Step;
    }

    /// <summary>The grid point nearest <paramref name="time"/>, when it is within half a step; else null.</summary>
    private DateTimeOffset? OnGrid(DateTimeOffset time)
    {
        var nearest = _schedule.AlignDown(time + (Step / 2), Step);
        return (time - nearest).Duration() <= Step / 2 ? nearest : null;
    }

    /// <summary>A query whose text changes with each evaluation (<c>${sinceDeploy}</c>): one instant query per grid point.</summary>
    private async Task<QueryResult> PerEvaluationAsync(DateTimeOffset end, CancellationToken cancellationToken)
    {
        var series = new List<Series>();
        var warnings = new List<string>();
        for (var time = _next; time <= end; time += Step)
        {
            var query = Query.Bind(new QueryBinding(time - _schedule.DeployedAt, _instances(time)));
            var answer = await _store.QueryAsync(query, time, cancellationToken).ConfigureAwait(false);
            series.AddRange(answer.Series.Select(s => new Series(s.Labels, s.Samples.Select(p => p with { Time = time }).ToList())));
            warnings.AddRange(answer.Warnings);
        }

        return new QueryResult(series, warnings);
    }

    /// <summary>The warning of a partial answer covering <paramref name="time"/>; null when every answer there was whole.</summary>
    public string? PartialAt(DateTimeOffset time) =>
        _partial.Where(p => p.From <= time && time <= p.To).Select(p => p.Warning).FirstOrDefault();

    /// <summary>The value at exactly <paramref name="time"/>, as an instant query would give it; null when absent.</summary>
    public double? ValueAt(Labels labels, DateTimeOffset time)
    {
        if (!_series.TryGetValue(labels, out var samples))
        {
            return null;
        }

        var index = IndexAtOrBefore(samples, time);
        return index >= 0 && samples[index].Time == time ? samples[index].Value : null;
    }

    /// <summary>The series present at exactly <paramref name="time"/> with their values.</summary>
    public IEnumerable<(Labels Labels, double Value)> At(DateTimeOffset time)
    {
        foreach (var labels in _series.Keys)
        {
            if (ValueAt(labels, time) is { } value)
            {
                yield return (labels, value);
            }
        }
    }

    /// <summary>The first sample time of a series in this buffer.</summary>
    public DateTimeOffset FirstSeen(Labels labels) => _series[labels][0].Time;

    /// <summary>Samples of a series in <c>[from, to]</c>.</summary>
    public IReadOnlyList<Sample> Between(Labels labels, DateTimeOffset from, DateTimeOffset to)
    {
        if (!_series.TryGetValue(labels, out var samples))
        {
            return [];
        }

        var end = IndexAtOrBefore(samples, to);
        var start = IndexAtOrBefore(samples, from - TimeSpan.FromTicks(1)) + 1;
        return end < start ? [] : samples.GetRange(start, end - start + 1);
    }

    private static int IndexAtOrBefore(List<Sample> samples, DateTimeOffset time)
    {
        int low = 0, high = samples.Count - 1, found = -1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (samples[mid].Time <= time)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }
}
