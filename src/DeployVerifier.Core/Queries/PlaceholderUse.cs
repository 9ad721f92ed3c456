namespace DeployVerifier.Queries;

/// <summary>One <c>${name}</c> in a query.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Offset">Where the <c>$</c> stands in the query.</param>
/// <param name="Length">The placeholder's length, <c>${</c> and <c>}</c> included.</param>
/// <param name="Quote">The quote of the string literal around it (<c>"</c>, <c>'</c> or <c>`</c>), or null outside any literal.</param>
/// <param name="IsRegex">True when that literal is the right-hand side of a <c>=~</c> or <c>!~</c> matcher.</param>
/// <param name="Function">The function whose argument the literal is (e.g. <c>label_replace</c>), or null.</param>
public sealed record PlaceholderUse(string Name, int Offset, int Length, char? Quote, bool IsRegex, string? Function = null)
{
    /// <summary>True inside a string literal, where any value is safe once escaped.</summary>
    public bool InString => Quote is not null;
}
