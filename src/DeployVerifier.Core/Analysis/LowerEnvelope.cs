using DeployVerifier.Metrics;

namespace DeployVerifier.Analysis;

/// <summary>
/// The floor of a series that collects garbage: each sample that is the minimum of some window of
/// <c>width</c> (longer than one collection cycle). Under a sawtooth these are the troughs after each collection and
/// stay level; under a leak they rise. Each point keeps its own time, so the floor does not lag the way a rolling
/// minimum stamped at the window's end does.
/// </summary>
internal static class LowerEnvelope
{
    public static IReadOnlyList<Sample> Of(IReadOnlyList<Sample> samples, TimeSpan width)
    {
        var floor = new List<Sample>();
        if (samples.Count == 0 || samples[^1].Time - samples[0].Time < width)
        {
            return floor;
        }

        // A monotonic deque of indices gives every full window's minimum in one pass.
        var window = new LinkedList<int>();
        var start = 0;
        var lastTaken = -1;
        for (var end = 0; end < samples.Count; end++)
        {
            while (window.Count > 0 && samples[window.Last!.Value].Value >= samples[end].Value)
            {
                window.RemoveLast();
            }

            window.AddLast(end);
            while (samples[end].Time - samples[start].Time >= width)
            {
                start++;
            }

            while (window.First!.Value < start)
            {
                window.RemoveFirst();
            }

            var isFullWindow = start > 0;
            var argMin = window.First.Value;
            if (isFullWindow && argMin > lastTaken)
            {
                floor.Add(samples[argMin]);
                lastTaken = argMin;
            }
        }

        return floor;
    }
}
