namespace DeployVerifier.Queries;

/// <summary>The variables every query may use, their values supplied by the caller; a checklist's <c>vars</c> may not redefine them.</summary>
public static class BuiltInVariables
{
    /// <summary>The deploy's time in RFC 3339, e.g. <c>2025-01-31T12:00:00Z</c>; only inside a string literal.</summary>
    public const string DeployedAt = "deployedAt";

    /// <summary>The deploy's time in unix seconds, e.g. for the <c>@</c> modifier; may stand outside a literal.</summary>
    public const string DeployedAtUnix = "deployedAtUnix";

    /// <summary>The soak's duration in Prometheus syntax, e.g. <c>30m</c> for a range selector; may stand outside a literal.</summary>
    public const string SoakDuration = "soakDuration";

    /// <summary>Every built-in name.</summary>
    public static IReadOnlyList<string> Names { get; } = [DeployedAt, DeployedAtUnix, SoakDuration];

    /// <summary>True for a built-in whose value is a number or a duration, so it may stand outside a string literal.</summary>
    public static bool MayStandOutsideLiteral(string name) => name is DeployedAtUnix or SoakDuration;

    public static bool IsBuiltIn(string name) => Names.Contains(name, StringComparer.Ordinal);
}
