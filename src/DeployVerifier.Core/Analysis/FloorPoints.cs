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
        var points = new List<Sample>();
        if (samples.Count == 0 || samples[^1].Time - samples[0].Time < window)
        {
            return points;
        }

        var sum = 0.0;
        var start = 0;
        for (var end = 0; end < samples.Count; end++)
        {
            sum += samples[end].Value;
            while (samples[end].Time - samples[start].Time >= window)
            {
                sum -= samples[start].Value;
                start++;
            }

            // Only windows with history before them are full; the first partial ones would lean towards the start.
            if (start > 0)
            {
                var middle = samples[start].Time + (samples[end].Time - samples[start].Time) / 2;
                points.Add(new Sample(middle, sum / (end - start + 1)));
            }
        }

        return points;
    }
}
