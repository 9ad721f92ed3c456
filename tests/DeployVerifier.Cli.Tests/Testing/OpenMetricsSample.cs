using System.Globalization;

namespace DeployVerifier.Testing;

/// <summary>One sample line of OpenMetrics text as the generator writes it: <c>name{labels} value seconds</c>.</summary>
internal sealed record OpenMetricsSample(string Name, string Labels, double Value, long Time)
{
    public static OpenMetricsSample Parse(string line)
    {
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var close = line.IndexOf('}', StringComparison.Ordinal);
        var rest = line[(close + 2)..].Split(' ');
        return new OpenMetricsSample(
            line[..brace],
            line[(brace + 1)..close],
            double.Parse(rest[0], CultureInfo.InvariantCulture),
            long.Parse(rest[1], CultureInfo.InvariantCulture));
    }

    public static List<OpenMetricsSample> ParseAll(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).Select(Parse)];

    public bool HasLabel(string name, string value) =>
        Labels.Split(',').Contains($"{name}=\"{value}\"", StringComparer.Ordinal);
}
