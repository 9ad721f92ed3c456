using DeployVerifier.Metrics;

namespace DeployVerifier.Prometheus;

/// <summary>Joins the answers to the pieces of a split range query into one, series by series.</summary>
internal static class QueryResultMerger
{
    public static QueryResult Merge(IReadOnlyList<QueryResult> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var order = new List<Labels>();
        var samples = new Dictionary<Labels, List<Sample>>();
        var warnings = new List<string>();
        foreach (var part in parts)
        {
            foreach (var series in part.Series)
            {
                if (!samples.TryGetValue(series.Labels, out var list))
                {
                    list = [];
                    samples.Add(series.Labels, list);
                    order.Add(series.Labels);
                }

                // Pieces don't overlap, but a store that widens a range to its own alignment would repeat a border point.
                foreach (var sample in series.Samples)
                {
                    if (list.Count == 0 || sample.Time > list[^1].Time)
                    {
                        list.Add(sample);
                    }
                }
            }

            warnings.AddRange(part.Warnings.Where(w => !warnings.Contains(w)));
        }

        return new QueryResult([.. order.Select(labels => new Series(labels, samples[labels]))], warnings);
    }
}
