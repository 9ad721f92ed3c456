namespace DeployVerifier.Backtests;

/// <summary>One line of a <c>--releases</c> file.</summary>
/// <param name="Line">Its line number, from 1.</param>
/// <param name="At">The release's start as the team recorded it; it snaps to the release found, as <c>--deployed-at</c> does.</param>
/// <param name="Expected">The verdict it should get; null when the line gives none.</param>
/// <param name="Name">The team's name for it (the rest of the line); null when none.</param>
public sealed record ReleaseListEntry(int Line, DateTimeOffset At, ExpectedVerdict? Expected, string? Name)
{
    /// <summary>
    /// For a bad release (<c>failed within 30m</c>), how long after its start its verdict must be decided to count as
    /// caught (<see cref="ReleaseDeadline"/>); null when the line gives none.
    /// </summary>
    public TimeSpan? Deadline { get; init; }
}
