namespace DeployVerifier.Reports;

/// <summary>
/// How long after the deploy the caught releases were blocked: the median and the 90th percentile by nearest rank
/// from <see cref="MinForStatistics"/> caught releases on; with fewer, the times themselves and no statistic.
/// </summary>
/// <param name="Median">The median (the mean of the two middle times for an even count); null with fewer than <see cref="MinForStatistics"/>.</param>
/// <param name="P90">The time at rank ⌈0.9·n⌉ of the n sorted times; null with fewer than <see cref="MinForStatistics"/>.</param>
/// <param name="Values">The times, shortest first, when there are fewer than <see cref="MinForStatistics"/>; else empty.</param>
public sealed record TimeToDetect(TimeSpan? Median, TimeSpan? P90, IReadOnlyList<TimeSpan> Values)
{
    /// <summary>Below this many caught releases a median and a p90 say less than the times themselves.</summary>
    public const int MinForStatistics = 5;

    /// <summary>The statistics of <paramref name="times"/>, in any order.</summary>
    public static TimeToDetect Of(IEnumerable<TimeSpan> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var sorted = times.Order().ToList();
        if (sorted.Count < MinForStatistics)
        {
            return new TimeToDetect(null, null, sorted);
        }

        var n = sorted.Count;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        return new TimeToDetect(median, NearestRank(sorted, 0.9), []);
    }

    /// <summary>The value at rank ⌈q·n⌉ (from 1) of sorted values: always one of them, never interpolated.</summary>
    internal static TimeSpan NearestRank(IReadOnlyList<TimeSpan> sorted, double q)
    {
        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
