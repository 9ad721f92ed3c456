using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Queries;
using DeployVerifier.Releases;

namespace DeployVerifier.Measurements;

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
    private readonly SeriesPairing _pairing;
    private readonly HashSet<string> _pairingWarnings = [];
    private HashSet<Labels>? _previousVersion;
    private bool _prepared;

    public CheckSource(IMetricStore store, SoakSchedule schedule, RenderedCheck rendered, ReleaseInstances? release = null, SeriesBufferPool? pool = null)
    {
        _store = store;
        _schedule = schedule;
        _release = release;
        Rendered = rendered;
        var check = rendered.Check;
        _pairing = SeriesPairing.For(check.MatchOn, release?.Pairing);
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

    public IEnumerable<string> Warnings => Buffers.SelectMany(b => b.Warnings).Concat(_pairingWarnings);


    public CheckMeasurement MeasureAt(DateTimeOffset time)
    {
        var check = Check;
        var mainTime = _schedule.AlignDown(time, _main.Step);
        var evidenceValues = _evidence?.At(time).ToList();
        var limitValues = _limit?.At(time).ToList();
        var evidence = evidenceValues is not null && check.PerSeries ? _pairing.Index(evidenceValues) : null;
        var evidenceTotal = evidenceValues is null ? null : Sum(evidenceValues);
        var limits = limitValues is null ? null : _pairing.Index(limitValues);
        var series = new List<SeriesMeasurement>();
        foreach (var (labels, value) in _main.At(mainTime))
        {
            if (Started(labels, time) is not { } firstSeen)
            {
                continue;
            }

            series.Add(new SeriesMeasurement(
                labels,
                value,
                firstSeen,
                evidence is not null ? Companion(labels, evidence, "evidence.query") ?? evidenceTotal : evidenceTotal,
                Limit(labels, limits),
                check.Trend is { } trend ? _main.Between(labels, time - trend.Window - trend.FloorWindow, time) : null));
        }

        return new CheckMeasurement(time, series, Baseline?.Value, Partial: Buffers.Select(b => b.PartialAt(time) ?? b.PartialAt(mainTime)).FirstOrDefault(p => p is not null),
            FleetStableSince: check.Redundancy is { } redundancy ? FleetStableSince(mainTime, series.Count(s => double.IsFinite(s.Value)), redundancy.WarmUp) : null);
    }

    /// <summary>
    /// The series' start as the check sees it, or null when it is left out: not one of the release's instances (each
    /// counted from its own start: on an in-place fleet its earlier samples are the old version's), or the previous version's.
    /// </summary>
    private DateTimeOffset? Started(Labels labels, DateTimeOffset time)
    {
        var firstSeen = _main.FirstSeen(labels);
        if (Check.ReleaseSeriesOnly && _release is not null)
        {
            return _release.StartOf(labels, time, _pairing) is { } started ? started > firstSeen ? started : firstSeen : null;
        }

        return _previousVersion?.Contains(labels) == true ? null : firstSeen;
    }

    /// <summary>A trend's limit or a redundancy check's capacity for the series: its match in the limit query, else the fixed value.</summary>
    private double? Limit(Labels labels, PairingIndex? limits)
    {
        var matched = limits is null ? null : Companion(labels, limits, Check.LimitQuery?.Key ?? "trend.limitQuery");
        return Check.Trend is { } trend ? matched ?? trend.Limit : Check.Redundancy is { } redundancy ? matched ?? redundancy.Capacity : null;
    }

    /// <summary>
    /// Since when the number of the check's series with a value has been <paramref name="count"/>, looking back step by
    /// step over <paramref name="warmUp"/>: a rollout still adding instances, or one lost, is a change.
    /// </summary>
    private DateTimeOffset FleetStableSince(DateTimeOffset time, int count, TimeSpan warmUp)
    {
        var since = time;
        for (var t = time - _main.Step; t >= time - warmUp && t >= _schedule.DeployedAt; t -= _main.Step)
        {
            var then = _main.At(t).Count(s => double.IsFinite(s.Value) && Started(s.Labels, t) is not null);
            if (then != count)
            {
                return since;
            }

            since = t;
        }

        return time - warmUp < _schedule.DeployedAt ? since : time - warmUp;
    }

    /// <summary>The companion series' value for <paramref name="labels"/>; an ambiguous pairing is a warning located at the check.</summary>
    private double? Companion(Labels labels, PairingIndex companions, string key)
    {
        var match = _pairing.Find(labels, companions);
        if (match.Ambiguity is { } ambiguity)
        {
            _pairingWarnings.Add($"check '{Check.Name}' ({Check.Location}): {key}: {ambiguity}");
        }

        return match.Value;
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
