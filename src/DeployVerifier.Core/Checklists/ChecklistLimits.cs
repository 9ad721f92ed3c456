namespace DeployVerifier.Checklists;

/// <summary>
/// What a checklist may ask for, in one place: beyond these a value is a typo, or would exhaust memory or overflow a
/// date, not an intention. Each is reported with its place in the file.
/// </summary>
internal static class ChecklistLimits
{
    /// <summary>The longest duration any key takes: 366 days.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    /// <summary>The longest soak (<c>soak.duration</c> or <c>--soak</c>): 7 days.</summary>
    public static readonly TimeSpan MaxSoak = TimeSpan.FromDays(7);

    /// <summary>The shortest interval between evaluations, and the finest trend resolution: 100 ms.</summary>
    public static readonly TimeSpan MinStep = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest <c>prometheus.patience</c>: 1 hour.</summary>
    public static readonly TimeSpan MaxStorePatience = TimeSpan.FromHours(1);

    /// <summary>The shortest <c>release.lookback</c>: 15 seconds, the shortest step release discovery takes.</summary>
    public static readonly TimeSpan MinReleaseLookback = TimeSpan.FromSeconds(15);

    /// <summary>The longest <c>release.lookback</c>: 1 hour; a store that sees samples further back needs no larger step.</summary>
    public static readonly TimeSpan MaxReleaseLookback = TimeSpan.FromHours(1);

    /// <summary>The longest <c>release.waitFor</c>: 1 hour; a pipeline step waiting longer for its own release is stuck.</summary>
    public static readonly TimeSpan MaxReleaseWaitFor = TimeSpan.FromHours(1);

    /// <summary>The most evaluations, or trend points, a soak may have: 100,000.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>Prometheus request timeouts, as Polly's timeout takes them: 10 ms to 1 day.</summary>
    public static readonly TimeSpan MinRequestTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>See <see cref="MinRequestTimeout"/>.</summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromDays(1);
}
