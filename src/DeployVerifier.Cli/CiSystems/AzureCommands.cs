using System.Text;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>
/// Azure Pipelines logging commands (<c>##vso[area.event key=value;...]message</c>), escaped as the agent's
/// <c>CommandStringConvertor</c> unescapes them: <c>%</c> as <c>%AZP25</c> (decoded by agents with percent decoding on,
/// the current default), then <c>;</c>, CR, LF and <c>]</c>.
/// </summary>
internal static class AzureCommands
{
    public static string Escape(string text) => text
        .Replace("%", "%AZP25", StringComparison.Ordinal)
        .Replace(";", "%3B", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal)
        .Replace("]", "%5D", StringComparison.Ordinal);

    /// <summary>A command line; properties whose value is null are left out.</summary>
    public static string Command(string name, string message, params (string Key, string? Value)[] properties)
    {
        var text = new StringBuilder("##vso[").Append(name);
        var given = properties.Where(p => p.Value is not null).ToList();
        if (given.Count > 0)
        {
            text.Append(' ').AppendJoin(';', given.Select(p => $"{p.Key}={Escape(p.Value!)}"));
        }

        return text.Append(']').Append(Escape(message)).ToString();
    }
}
