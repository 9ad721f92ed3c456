using DeployVerifier.Metrics;

namespace DeployVerifier.Soak;

/// <summary>Pairs a series with a companion series (its limit, its evidence) by the labels they share.</summary>
internal static class LabelMatching
{
    /// <summary>True when every label both have, other than the metric name, has the same value in both.</summary>
    public static bool Compatible(Labels a, Labels b)
    {
        foreach (var (name, value) in a.Values)
        {
            if (name != "__name__" && b[name] is { } other && other != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value of the companion series that matches <paramref name="labels"/> most specifically.</summary>
    public static double? Find(Labels labels, IEnumerable<(Labels Labels, double Value)> companions)
    {
        var best = companions
            .Where(c => Compatible(labels, c.Labels))
            .OrderByDescending(c => c.Labels.Values.Keys.Count(k => k != "__name__" && labels[k] is not null))
            .Select(c => (double?)c.Value)
            .FirstOrDefault();
        return best;
    }
}
