using System.Text.RegularExpressions;
using DeployVerifier.Queries;

namespace DeployVerifier.Checklists;

/// <summary>
/// A check's <c>runbook</c> or <c>dashboard</c>: an http(s) address that may hold <c>${variables}</c> (e.g. a dashboard
/// per namespace), each replaced by its value percent-encoded, so a value can't change where the link goes.
/// </summary>
public static partial class CheckLink
{
    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>The names of the placeholders in <paramref name="template"/>, in order.</summary>
    public static IEnumerable<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value);

    /// <summary>Whether <paramref name="template"/>, its placeholders filled, is an absolute http(s) address; else why not.</summary>
    public static string? Problem(string template)
    {
        var sample = Placeholder().Replace(template, "x");
        HttpAddress.Parse(sample, "a link is shown to people; it can't hold credentials", out var problem);
        return problem?.Replace($"'{sample}'", $"'{template}'", StringComparison.Ordinal);
    }

    /// <summary>The link with every placeholder replaced by its value, percent-encoded; an unknown one by nothing.</summary>
    public static Uri? Render(string? template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (template is null)
        {
            return null;
        }

        var text = Placeholder().Replace(template, m => Uri.EscapeDataString(values.GetValueOrDefault(m.Groups[1].Value, "")));
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>Whether <paramref name="name"/> can stand in a link: a declared variable or a built-in one.</summary>
    public static bool IsKnown(string name, IEnumerable<string> declared) =>
        BuiltInVariables.IsBuiltIn(name) || declared.Contains(name, StringComparer.Ordinal);
}
