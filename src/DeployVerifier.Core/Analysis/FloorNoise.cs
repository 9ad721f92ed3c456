using DeployVerifier.Metrics;

namespace DeployVerifier.Analysis;

/// <summary>
/// How much a floor point wanders by chance: the scrape-to-scrape noise averaged over a window, plus what is left of
/// a sawtooth whose cycles the window does not hold whole (a ripple the mean cannot cancel).
/// </summary>
internal static class FloorNoise
{
    /// <summary>The variance of one floor point; null when there are too few distinct readings to tell.</summary>
    /// <param name="samples">The raw samples the floor was averaged from.</param>
    /// <param name="windows">The floor's windows (see <see cref="FloorPoints.Windows"/>).</param>
    /// <param name="floor">What the best fit leaves of the floor points, one per window.</param>
    /// <param name="window">The floor window.</param>
    public static double? Variance(IReadOnlyList<Sample> samples, IReadOnlyList<FloorWindow> windows, IReadOnlyList<double> floor, TimeSpan window)
    {
        // Steps between distinct readings: a series queried finer than it is scraped repeats each reading, and those
        // repeats are not independent samples. The median of the steps is the sawtooth's steady climb, the collections
        // are outliers; the spread around it is the noise, twice over.
        var steps = new List<double>();
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i].Value != samples[i - 1].Value)
            {
                steps.Add(samples[i].Value - samples[i - 1].Value);
            }
        }

        var span = samples[^1].Time - samples[0].Time;
        if (steps.Count < 10 || span <= TimeSpan.Zero)
        {
            return null;
        }

        var median = Median(steps);
        var mad = Median(steps.Select(s => Math.Abs(s - median)).ToList());
        var scrapeVariance = Math.Pow(1.4826 * mad, 2) / 2;
        var readingsPerWindow = Math.Max(1, steps.Count * (window / span));
        var white = scrapeVariance / readingsPerWindow;

        // A ripple shows as the floor's departure from its own centred mean over a window, which cancels the ripple;
        // white noise leaves a sixth of its variance there (the kernel box − box∗box has a sixth of the box's energy).
        var perWindow = windows.Count == 0 ? 1 : (int)Math.Round(windows.Average(w => w.Count));
        var half = perWindow / 2;
        double sum = 0;
        var count = 0;
        for (var j = half; j + half < floor.Count; j++)
        {
            var mean = 0.0;
            for (var i = j - half; i <= j + half; i++)
            {
                mean += floor[i];
            }

            var departure = floor[j] - mean / (2 * half + 1);
            sum += departure * departure;
            count++;
        }

        var ripple = count >= half ? Math.Max(0, sum / count - white / 6) : 0;
        return white + ripple;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
