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
    /// <summary>At most this many points per series are asked for; the range's step grows with its length.</summary>
    private const int PointsPerRange = 1000;

    private static readonly TimeSpan MinStep = TimeSpan.FromSeconds(15);

    /// <summary>The releases seen in <c>[from, to]</c>, oldest first; throws <see cref="MetricStoreException"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="query">The rendered <c>release.releases</c> query.</param>
    /// <param name="label">The label that names a release.</param>
    /// <param name="from">The range's start.</param>
    /// <param name="to">The range's end.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    public static async Task<IReadOnlyList<Release>> ListAsync(IMetricStore store, string query, string label, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var step = TimeSpan.FromSeconds(Math.Ceiling(Math.Max(MinStep.TotalSeconds, (to - from).TotalSeconds / PointsPerRange)));

        // The grid ends at `to` itself: a range's last point can be up to a step before its end, and a release created
        // in that step (the one a live run waits for) would be missed.
        var start = to - (step * Math.Ceiling((to - from) / step));
        var result = await store.QueryRangeAsync(query, start, to, step, cancellationToken).ConfigureAwait(false);
        return FromSeries(result.Series, label);
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
