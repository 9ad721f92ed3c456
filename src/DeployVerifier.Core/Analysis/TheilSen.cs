using DeployVerifier.Metrics;

namespace DeployVerifier.Analysis;

/// <summary>
/// The Theil–Sen estimator: the median of all pairwise slopes, which ignores up to 29 % of outliers. The interval is
/// Sen's (1968) distribution-free one from the variance of Kendall's S.
/// </summary>
internal static class TheilSen
{
    /// <summary>Fits a line to <paramref name="points"/> (at least two with distinct times); null otherwise.</summary>
    /// <param name="points">Samples in time order; NaN values must already be removed.</param>
    /// <param name="z">The normal quantile of the interval, e.g. 2.33 for a one-sided 99 % bound.</param>
    /// <param name="varianceInflation">How many points count as one independent observation (1 for independent points).</param>
    public static LineFit? Fit(IReadOnlyList<Sample> points, double z, double varianceInflation = 1)
    {
        var n = points.Count;
        if (n < 2)
        {
            return null;
        }

        var origin = points[0].Time;
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = (points[i].Time - origin).TotalSeconds;
        }

        var slopes = new List<double>(n * (n - 1) / 2);
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var dx = x[j] - x[i];
                if (dx > 0)
                {
                    slopes.Add((points[j].Value - points[i].Value) / dx);
                }
            }
        }

        if (slopes.Count == 0)
        {
            return null;
        }

        slopes.Sort();
        var slope = Median(slopes);
        var offsets = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            offsets.Add(points[i].Value - slope * x[i]);
        }

        offsets.Sort();
        var intercept = Median(offsets);

        var count = slopes.Count;
        var varianceS = n * (n - 1.0) * (2 * n + 5) / 18.0 * Math.Max(varianceInflation, 1);
        var c = z * Math.Sqrt(varianceS);
        var lowerRank = (int)Math.Floor((count - c) / 2);
        var upperRank = (int)Math.Ceiling((count + c) / 2);
        // With few independent points the interval reaches past the extreme slopes; those are then the bounds.
        var lower = slopes[Math.Clamp(lowerRank, 1, count) - 1];
        var upper = slopes[Math.Clamp(upperRank, 1, count) - 1];
        return new LineFit(slope, lower, upper, intercept, origin, n);
    }

    private static double Median(List<double> sorted)
    {
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
