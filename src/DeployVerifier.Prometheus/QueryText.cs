using System.Text.RegularExpressions;

namespace DeployVerifier.Prometheus;

/// <summary>A query as messages show it: on one line and short enough to read.</summary>
internal static partial class QueryText
{
    private const int MaxLength = 120;

    public static string Shorten(string query)
    {
        var oneLine = Whitespace().Replace(query, " ").Trim();
        return oneLine.Length <= MaxLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxLength - 1), "…");
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
