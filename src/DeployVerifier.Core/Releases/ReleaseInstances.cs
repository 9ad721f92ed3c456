using DeployVerifier.Metrics;
using DeployVerifier.Queries;
using DeployVerifier.Soak;

namespace DeployVerifier.Releases;

/// <summary>
/// The judged release's instances as the soak goes: an instance belongs to the release from its first sample in
/// <c>release.instances</c> (a pod's creation, or on an in-place fleet the process's restart with the new version).
/// A check's series is the instance's when every label both have is equal.
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
    }

    /// <summary>The previous release's instances, named in baselines.</summary>
    public IReadOnlyList<string> Previous { get; }

    /// <summary>Fetches the instances up to <paramref name="time"/>; throws <see cref="MetricStoreException"/>.</summary>
    public Task EnsureThroughAsync(DateTimeOffset time, CancellationToken cancellationToken) => _buffer.EnsureThroughAsync(time, cancellationToken);

    /// <summary>The names of the instances started by <paramref name="time"/>.</summary>
    public IReadOnlyList<string> NamesThrough(DateTimeOffset time) =>
        _buffer.SeriesLabels.Where(l => _buffer.FirstSeen(l) <= time).Select(l => l[_label]).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>When the instance that <paramref name="series"/> belongs to started, if it had by <paramref name="time"/>; else null.</summary>
    public DateTimeOffset? StartOf(Labels series, DateTimeOffset time)
    {
        DateTimeOffset? start = null;
        foreach (var instance in _buffer.SeriesLabels)
        {
            var first = _buffer.FirstSeen(instance);
            if (first <= time && (start is null || first < start) && SameInstance(series, instance))
            {
                start = first;
            }
        }

        return start;
    }

    /// <summary>At least one label in common, and every common label equal.</summary>
    internal static bool SameInstance(Labels series, Labels instance)
    {
        var shared = 0;
        foreach (var (name, value) in series.Values)
        {
            if (name == "__name__" || instance[name] is not { } other)
            {
                continue;
            }

            if (other != value)
            {
                return false;
            }

            shared++;
        }

        return shared > 0;
    }
}
