using System.Text;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>
/// GitHub Actions workflow commands (<c>::name key=value,...::message</c>) and the file-command format of
/// <c>GITHUB_OUTPUT</c>, escaped the way the runner unescapes them.
/// </summary>
internal static class GitHubCommands
{
    /// <summary>The runner shows at most this many error (and warning) annotations per step.</summary>
    public const int MaxAnnotations = 10;

    public static string EscapeData(string text) => text
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string text) => EscapeData(text)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>A command line; properties whose value is null are left out.</summary>
    public static string Command(string name, string message, params (string Key, string? Value)[] properties)
    {
        var text = new StringBuilder("::").Append(name);
        var given = properties.Where(p => p.Value is not null).ToList();
        if (given.Count > 0)
        {
            text.Append(' ').AppendJoin(',', given.Select(p => $"{p.Key}={EscapeProperty(p.Value!)}"));
        }

        return text.Append("::").Append(EscapeData(message)).ToString();
    }

    /// <summary>One <c>GITHUB_OUTPUT</c> entry in the heredoc form, safe for any value (multi-line included).</summary>
    public static string OutputEntry(string name, string value, string delimiter)
    {
        if (value.Contains(delimiter, StringComparison.Ordinal))
        {
            throw new ArgumentException("The value contains the delimiter.", nameof(value));
        }

        return $"{name}<<{delimiter}\n{value}\n{delimiter}\n";
    }

    /// <summary>A fresh delimiter, like the runner's own <c>ghadelimiter_&lt;uuid&gt;</c>.</summary>
    public static string NewDelimiter() => $"ghadelimiter_{Guid.NewGuid():N}";
}
