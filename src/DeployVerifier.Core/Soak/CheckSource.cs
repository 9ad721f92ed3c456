using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Metrics;
using DeployVerifier.Queries;
using DeployVerifier.Releases;

namespace DeployVerifier.Soak;

/// <summary>
/// Gathers what one check is judged on: its query's history (and its evidence and limit queries'), the release's
/// instances it keeps to (or, without a release section, the series of the previous version to leave out), and the
/// baseline before the deploy. The I/O side of a check; judging is
/// <see cref="CheckEvaluator"/>'s.
/// </summary>
internal sealed class CheckSource
{
    private readonly IMetricStore _store;
    private readonly SoakSchedule _schedule;
    private readonly SeriesBuffer _main;
    private readonly SeriesBuffer? _evidence;
    private readonly SeriesBuffer? _limit;
    private readonly ReleaseInstances? _release;
    private HashSet<Labels>? _previousVersion;
    private bool _prepared;

    public CheckSource(IMetricStore store, SoakSchedule schedule, RenderedCheck rendered, ReleaseInstances? release = null, SeriesBufferPool? pool = null)
    {
        _store = store;
        _schedule = schedule;
        _release = release;
        Rendered = rendered;
        var check = rendered.Check;
        var step = check.Trend?.Resolution ?? schedule.Interval;
        pool ??= new SeriesBufferPool(store, schedule, release is null ? null : release.NamesThrough);
        _main = pool.Get(rendered.Query, schedule.DeployedAt, step);
        var firstTick = schedule.Ticks[0];
        if (rendered.EvidenceQuery is { } evidence)
        {
            _evidence = pool.Get(evidence, firstTick, schedule.Interval);
        }

        if (rendered.LimitQuery is { } limit)
        {
            _limit = pool.Get(limit, firstTick, schedule.Interval);
        }
    }

    /// <summary>The histories this check reads (perhaps shared with other checks).</summary>
    public IEnumerable<SeriesBuffer> Buffers => new[] { _main, _evidence, _limit }.OfType<SeriesBuffer>();

    /// <summary>Whether <see cref="PrepareAsync"/> has run.</summary>
    public bool Prepared => _prepared;

    public RenderedCheck Rendered { get; }

    public CheckDefinition Check => Rendered.Check;

    /// <summary>The baseline and where it came from, once fetched; null when the check has none.</summary>
    public BaselineInfo? Baseline { get; private set; }

    public IEnumerable<string> Warnings => Buffers.SelectMany(b => b.Warnings);


    public CheckMeasurement MeasureAt(DateTimeOffset time)
    {
        var check = Check;
        var mainTime = _schedule.AlignDown(time, _main.Step);
        var evidence = _evidence?.At(time).ToList();
        var limits = _limit?.At(time).ToList();
        var series = new List<SeriesMeasurement>();
        foreach (var (labels, value) in _main.At(mainTime))
        {
            var firstSeen = _main.FirstSeen(labels);
            if (Check.ReleaseSeriesOnly && _release is not null)
            {
                // Only the release's instances, each from its own start: on an in-place fleet its earlier samples are the old version's.
                if (_release.StartOf(labels, time) is not { } started)
                {
                    continue;
                }

                firstSeen = started > firstSeen ? started : firstSeen;
            }
            else if (_previousVersion?.Contains(labels) == true)
            {
                continue;
            }

            series.Add(new SeriesMeasurement(
                labels,
                value,
                firstSeen,
                evidence is null ? null : check.PerSeries ? LabelMatching.Find(labels, evidence) ?? Sum(evidence) : Sum(evidence),
                check.Trend is null ? null : (limits is null ? null : LabelMatching.Find(labels, limits)) ?? check.Trend.Limit,
                check.Trend is { } trend ? _main.Between(labels, time - trend.Window - trend.FloorWindow, time) : null));
        }

        return new CheckMeasurement(time, series, Baseline?.Value, Partial: Buffers.Select(b => b.PartialAt(time) ?? b.PartialAt(mainTime)).FirstOrDefault(p => p is not null));
    }

    private static double? Sum(List<(Labels Labels, double Value)> values) =>
        values.Count == 0 ? null : values.Sum(v => v.Value);

    /// <summary>
    /// Once, before the first evaluation: the previous version's series (without a release section) and the baseline;
    /// throws <see cref="MetricStoreException"/>.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_prepared)
        {
            return;
        }

        var deployedAt = _schedule.DeployedAt;

        // Before the deploy, "since the deploy" has no meaning: one interval stands in for it. Before it, the
        // instances are the previous release's.
        var query = Rendered.Query.Bind(new QueryBinding(_schedule.Interval, _release?.Previous ?? []));
        if (Check.ReleaseSeriesOnly && _release is null)
        {
            // Series that answer just before the deploy belong to the previous version (old pods linger a while).
            var before = await _store.QueryAsync(query, deployedAt - TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            _previousVersion = before.Series.Select(s => s.Labels).ToHashSet();
        }

        if (Check.Baseline is { } baseline)
        {
            var step = TimeSpan.FromTicks(Math.Max(_schedule.Interval.Ticks, baseline.Window.Ticks / 240));
            var start = deployedAt - baseline.Window;
            var history = await _store.QueryRangeAsync(query, start, deployedAt - TimeSpan.FromSeconds(1), step, cancellationToken).ConfigureAwait(false);
            var values = history.Series.SelectMany(s => s.Samples).Select(s => s.Value).Where(double.IsFinite).Order().ToList();
            var window = Quantities.PromDuration.Format(baseline.Window);
            Baseline = values.Count > 0
                ? new BaselineInfo(values[values.Count / 2], $"median of {values.Count} values in the {window} before the deploy")
                : new BaselineInfo(null, $"no data in the {window} before the deploy: the absolute threshold applies");
        }

        _prepared = true;
    }
}
