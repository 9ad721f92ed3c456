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
        DateTimeOffset? start = null;
        foreach (var instance in _buffer.SeriesLabels)
        {
            var first = _buffer.FirstSeen(instance);
            if (first <= time && (start is null || first < start) && pairing.Pairs(series, instance, requireShared: true))
            {
                start = first;
            }
        }

        return start;
    }
}
