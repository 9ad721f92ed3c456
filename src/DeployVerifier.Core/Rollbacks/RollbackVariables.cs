using System.Text.RegularExpressions;

namespace DeployVerifier.Rollbacks;

/// <summary>
/// The <c>${name}</c> placeholders a rollback's configured values may use (webhook body, workflow inputs, pipeline
/// parameters). They are filled in one pass: a value is never scanned again, so a check name holding
/// <c>${reason}</c> stays as written.
/// </summary>
public static partial class RollbackVariables
{
    public const string Verdict = "verdict";
    public const string FailedChecks = "failedChecks";
    public const string Reason = "reason";
    public const string DeployedAt = "deployedAt";
    public const string DecidedAt = "decidedAt";

    /// <summary>Every name a rollback value may use.</summary>
    public static IReadOnlyList<string> Names { get; } = [Verdict, FailedChecks, Reason, DeployedAt, DecidedAt];

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Fills in every known placeholder in one pass; unknown ones are left as written (the loader refuses them).</summary>
    public static string Replace(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    /// <summary>The names in <paramref name="text"/> that are not rollback placeholders.</summary>
    public static IEnumerable<string> Unknown(string text) =>
        Placeholder().Matches(text ?? string.Empty).Select(m => m.Groups[1].Value).Where(n => !Names.Contains(n, StringComparer.Ordinal)).Distinct();
}
