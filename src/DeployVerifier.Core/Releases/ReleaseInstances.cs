using DeployVerifier.Measurements;
using DeployVerifier.Metrics;
using DeployVerifier.Queries;

namespace DeployVerifier.Releases;

/// <summary>
/// The judged release's instances as the soak goes: an instance belongs to the release from its first sample in
/// <c>release.instances</c> (a pod's creation, or on an in-place fleet the process's restart with the new version).
/// A check's series is the instance's when they pair (<see cref="ReleaseTarget.Pairing"/>): on the instance label and the
/// scope labels, never on target labels such as <c>job</c>, which differ between cAdvisor, kube-state-metrics and the application.
/// </summary>
internal sealed class ReleaseInstances
{
    private static readonly TimeSpan MaxStep = TimeSpan.FromSeconds(15);

    private readonly SeriesBuffer _buffer;
    private readonly string _label;

    /// <summary>Each series' earliest paired instance start, by pairing; valid while the instances are the same (see <see cref="StartOf"/>).</summary>
    private readonly Dictionary<(SeriesPairing Pairing, Labels Series), DateTimeOffset?> _earliest = [];
    private readonly Lock _gate = new();
    private int _earliestOf = -1;

    public ReleaseInstances(IMetricStore store, SoakSchedule schedule, ReleaseTarget target)
    {
        _buffer = new SeriesBuffer(store, schedule, QueryText.Literal(target.InstancesQuery), schedule.DeployedAt,
            schedule.Interval < MaxStep ? schedule.Interval : MaxStep);
        _label = target.InstanceLabel;
        Previous = target.PreviousInstances;
        Pairing = target.Pairing;
    }

    /// <summary>How a check's series is paired with its instance, unless the check says otherwise.</summary>
    public SeriesPairing Pairing { get; }

    /// <summary>The previous release's instances, named in baselines.</summary>
    public IReadOnlyList<string> Previous { get; }

    /// <summary>Fetches the instances up to <paramref name="time"/>; throws <see cref="MetricStoreException"/>.</summary>
    public Task EnsureThroughAsync(DateTimeOffset time, CancellationToken cancellationToken) => _buffer.EnsureThroughAsync(time, cancellationToken);

    /// <summary>The names of the instances started by <paramref name="time"/>.</summary>
    public IReadOnlyList<string> NamesThrough(DateTimeOffset time) =>
        _buffer.SeriesLabels.Where(l => _buffer.FirstSeen(l) <= time).Select(l => l[_label]).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// When the instance that <paramref name="series"/> belongs to (paired by <paramref name="pairing"/>) started, if it had
    /// by <paramref name="time"/>; else null.
    /// </summary>
    public DateTimeOffset? StartOf(Labels series, DateTimeOffset time, SeriesPairing pairing)
    {
        // The earliest of the paired instances' starts is the answer whenever it lies by `time` (none starts earlier), and
        // no instance had started otherwise. The buffer only appends, so an instance's start never moves: the earliest is
        // worked out once per series and pairing, again only when instances are added. (A soak asks this for every series
        // at every evaluation and every step of a redundancy check's warm-up: with 300 pods, ten million pairings.)
        DateTimeOffset? earliest;
        lock (_gate)
        {
            if (_earliestOf != _buffer.SeriesCount)
            {
                _earliest.Clear();
                _earliestOf = _buffer.SeriesCount;
            }

            if (!_earliest.TryGetValue((pairing, series), out earliest))
            {
                foreach (var instance in _buffer.SeriesLabels)
                {
                    var first = _buffer.FirstSeen(instance);
                    if ((earliest is null || first < earliest) && pairing.Pairs(series, instance, requireShared: true))
                    {
                        earliest = first;
                    }
                }

                _earliest[(pairing, series)] = earliest;
            }
        }

        return earliest <= time ? earliest : null;
    }
}
