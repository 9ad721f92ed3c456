using System.Globalization;
using DeployVerifier.Metrics;
using DeployVerifier.Quantities;

namespace DeployVerifier.Releases;

/// <summary>
/// Lists releases with the checklist's <c>release.releases</c> query over a time range, never as an instant query at
/// one time, so a scrape gap can't hide a release. Works over any range (a soak's look-back or a month of history).
/// </summary>
public static class ReleaseFinder
{
    /// <summary>A range is stepped so as to ask for about this many points, unless that step would outgrow the lookback.</summary>
    private const int PointsPerRange = 1000;

    /// <summary>
    /// At most this many points per series in one request: Prometheus refuses more than 11,000 ("exceeded maximum
    /// resolution"); a longer range is asked for in consecutive chunks of the same grid.
    /// </summary>
    internal const int MaxPointsPerRequest = 10_000;

    private static readonly TimeSpan MinStep = TimeSpan.FromSeconds(15);

    /// <summary>The releases seen in <c>[from, to]</c>, oldest first; throws <see cref="MetricStoreException"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="lookup">The rendered <c>release</c> section: its query, its label and the store's lookback.</param>
    /// <param name="from">The range's start.</param>
    /// <param name="to">The range's end.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    public static async Task<IReadOnlyList<Release>> ListAsync(IMetricStore store, ReleaseLookup lookup, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(lookup);
        var series = new List<Series>();
        foreach (var (start, end, step) in Grid(from, to, lookup.Lookback))
        {
            var result = await store.QueryRangeAsync(lookup.ReleasesQuery, start, end, step, cancellationToken).ConfigureAwait(false);
            series.AddRange(result.Series);
        }

        return FromSeries(series, lookup.Label);
    }

    /// <summary>
    /// The range queries that cover <c>[from, to]</c>: one grid whose step is about a thousandth of the range but never
    /// longer than <paramref name="lookback"/> (a point sees only samples within the lookback before it, so a longer step
    /// can skip a release whose series lived between two points), cut into chunks of at most <see cref="MaxPointsPerRequest"/> points.
    /// </summary>
    internal static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End, TimeSpan Step)> Grid(DateTimeOffset from, DateTimeOffset to, TimeSpan lookback)
    {
        var seconds = Math.Ceiling(Math.Max(MinStep.TotalSeconds, (to - from).TotalSeconds / PointsPerRange));
        var step = TimeSpan.FromSeconds(Math.Min(seconds, Math.Max(MinStep.TotalSeconds, Math.Floor(lookback.TotalSeconds))));

        // The grid ends at `to` itself: a range's last point can be up to a step before its end, and a release created
        // in that step (the one a live run waits for) would be missed.
        var intervals = (long)Math.Ceiling((to - from) / step);
        var first = to - (step * intervals);
        var chunks = new List<(DateTimeOffset, DateTimeOffset, TimeSpan)>();
        for (long point = 0; point <= intervals; point += MaxPointsPerRequest)
        {
            var last = Math.Min(point + MaxPointsPerRequest - 1, intervals);
            chunks.Add((first + (step * point), first + (step * last), step));
        }

        return chunks;
    }

    /// <summary>One release per value of <paramref name="label"/>; its start is the smallest finite value (unix seconds) seen.</summary>
    internal static IReadOnlyList<Release> FromSeries(IEnumerable<Series> series, string label)
    {
        var starts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            if (s.Labels[label] is not { Length: > 0 } name)
            {
                continue;
            }

            foreach (var sample in s.Samples.Where(p => double.IsFinite(p.Value) && p.Value > 0 && p.Value < 253402300799))
            {
                starts[name] = starts.TryGetValue(name, out var known) ? Math.Min(known, sample.Value) : sample.Value;
            }
        }

        return starts
            .Select(kv => new Release(kv.Key, DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(kv.Value * 1000))))
            .OrderBy(r => r.StartedAt)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>How a release is written in messages: its name and start.</summary>
    public static string Describe(Release release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return string.Create(CultureInfo.InvariantCulture, $"'{release.Name}' (started {Rfc3339.Format(release.StartedAt)})");
    }
}
