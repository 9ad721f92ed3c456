using System.Globalization;

namespace DeployVerifier.Backtests;

/// <summary>
/// One shard of a backtest fanned out on a CI matrix (<c>--shard I/N</c>): of the sorted list of releases it keeps
/// those at 0-based positions <c>p</c> with <c>p % N == I - 1</c>, so every shard gets old and new releases alike and the
/// N shards together hold each release once.
/// </summary>
public sealed record BacktestShard
{
    /// <param name="index">Which shard, from 1.</param>
    /// <param name="count">How many shards, at least 1.</param>
    public BacktestShard(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, count);
        Index = index;
        Count = count;
    }

    /// <summary>Which shard, from 1.</summary>
    public int Index { get; }

    /// <summary>How many shards.</summary>
    public int Count { get; }

    /// <summary>The shard <c>I/N</c> names, or the error that says why it names none.</summary>
    public static (BacktestShard? Shard, string? Error) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return (new BacktestShard(index, count), null);
        }

        return (null, $"--shard '{text}' is not I/N with 1 ≤ I ≤ N; write it like --shard 1/4 (the first of four shards)");
    }

    /// <summary>Whether the release at 0-based <paramref name="position"/> of the whole list is this shard's.</summary>
    public bool Holds(int position) => position % Count == Index - 1;

    /// <summary>The release at <paramref name="i"/> in this shard is at this 0-based position of the whole list.</summary>
    public int PositionOf(int i) => Index - 1 + (i * Count);

    /// <summary>This shard's releases, in the list's order.</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        return [.. all.Where((_, p) => Holds(p))];
    }

    public override string ToString() => $"{Index}/{Count}";
}
