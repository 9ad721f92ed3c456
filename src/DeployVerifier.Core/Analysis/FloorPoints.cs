using DeployVerifier.Metrics;

namespace DeployVerifier.Analysis;

/// <summary>
/// Turns a memory series into points that follow its level but not its garbage-collection sawtooth: the mean over
/// a window longer than one collection cycle, stamped at the window's middle. A whole cycle's mean does not depend
/// on where the cycle is cut, so the sawtooth cancels (exactly when the window holds whole cycles) and the noise is
/// averaged; a leak still shows at its full slope, only half a window late.
/// </summary>
internal static class FloorPoints
{
    public static IReadOnlyList<Sample> Of(IReadOnlyList<Sample> samples, TimeSpan window)
    {
        var windows = Windows(samples, window);
        var sums = PrefixSums(samples.Count, i => samples[i].Value);
        return windows.Select(w => new Sample(samples[w.First].Time + (samples[w.Last].Time - samples[w.First].Time) / 2, w.Mean(sums))).ToList();
    }

    /// <summary>The windows the floor points average, as index ranges into <paramref name="samples"/>; one per sample
    /// that has a whole window of history before it.</summary>
    public static IReadOnlyList<FloorWindow> Windows(IReadOnlyList<Sample> samples, TimeSpan window)
    {
        var windows = new List<FloorWindow>();
        if (samples.Count == 0 || samples[^1].Time - samples[0].Time < window)
        {
            return windows;
        }

        var start = 0;
        for (var end = 0; end < samples.Count; end++)
        {
            while (samples[end].Time - samples[start].Time >= window)
            {
                start++;
            }

            // Only windows with history before them are full; the first partial ones would lean towards the start.
            if (start > 0)
            {
                windows.Add(new FloorWindow(start, end));
            }
        }

        return windows;
    }

    /// <summary>Sums of the first i values, for window means in constant time.</summary>
    public static double[] PrefixSums(int count, Func<int, double> value)
    {
        var sums = new double[count + 1];
        for (var i = 0; i < count; i++)
        {
            sums[i + 1] = sums[i] + value(i);
        }

        return sums;
    }
}
