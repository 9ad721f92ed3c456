using DeployVerifier.Metrics;
using DeployVerifier.Queries;

namespace DeployVerifier.Measurements;

/// <summary>
/// One <see cref="SeriesBuffer"/> per distinct query, start and step in a soak: checks that share a query (or an
/// evidence or limit query) share its history, so it is fetched once per range however many checks use it.
/// </summary>
internal sealed class SeriesBufferPool(IMetricStore store, SoakSchedule schedule, Func<DateTimeOffset, IReadOnlyList<string>>? instances)
{
    private readonly Dictionary<(string Query, DateTimeOffset From, TimeSpan Step), SeriesBuffer> _buffers = [];

    /// <summary>Every buffer handed out, once each.</summary>
    public IReadOnlyCollection<SeriesBuffer> All => _buffers.Values;

    public SeriesBuffer Get(QueryText query, DateTimeOffset from, TimeSpan step)
    {
        var key = (query.ToString(), schedule.AlignUp(from, step), step);
        if (!_buffers.TryGetValue(key, out var buffer))
        {
            _buffers[key] = buffer = new SeriesBuffer(store, schedule, query, from, step, instances);
        }

        return buffer;
    }
}
