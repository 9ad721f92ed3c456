namespace DeployVerifier.Measurements;

/// <summary>
/// The evaluation times of a soak: every interval from deploy + warm-up until the soak's end (the last tick is the
/// first one at or after the end, so a pass always covers the whole soak).
/// </summary>
public sealed class SoakSchedule
{
    /// <param name="deployedAt">The release's start.</param>
    /// <param name="duration">The soak's length.</param>
    /// <param name="warmUp">Time before the first evaluation.</param>
    /// <param name="interval">Time between evaluations.</param>
    /// <param name="extension">How much longer undecided checks may be watched; zero for none.</param>
    public SoakSchedule(DateTimeOffset deployedAt, TimeSpan duration, TimeSpan warmUp, TimeSpan interval, TimeSpan extension = default)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive.");
        }

        if (warmUp < TimeSpan.Zero || warmUp > duration)
        {
            throw new ArgumentOutOfRangeException(nameof(warmUp), warmUp, "The warm-up must lie within the soak.");
        }

        DeployedAt = deployedAt;
        Interval = interval;
        End = deployedAt + duration;
        var first = deployedAt + warmUp;
        var count = (int)Math.Ceiling((End - first) / interval) + 1;
        Ticks = Enumerable.Range(0, count).Select(k => first + interval * k).ToArray();
        if (extension < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(extension), extension, "The extension can't be negative.");
        }

        Extension = extension;
        var extra = (int)Math.Floor((End + extension - Ticks[^1]) / interval);
        ExtensionTicks = Enumerable.Range(1, Math.Max(0, extra)).Select(k => Ticks[^1] + interval * k).ToArray();
    }

    /// <summary>How much longer undecided checks may be watched after <see cref="End"/>.</summary>
    public TimeSpan Extension { get; }

    /// <summary>The latest the soak can end: <see cref="End"/> plus <see cref="Extension"/>.</summary>
    public DateTimeOffset MaxEnd => End + Extension;

    /// <summary>The evaluation times after the soak's last, up to <see cref="MaxEnd"/>, for undecided checks only.</summary>
    public IReadOnlyList<DateTimeOffset> ExtensionTicks { get; }

    public DateTimeOffset DeployedAt { get; }

    public DateTimeOffset End { get; }

    public TimeSpan Interval { get; }

    public IReadOnlyList<DateTimeOffset> Ticks { get; }

    /// <summary>The first point of the grid <c>Ticks[0] + k·step</c> at or after <paramref name="time"/>.</summary>
    public DateTimeOffset AlignUp(DateTimeOffset time, TimeSpan step)
    {
        var k = Math.Ceiling((time - Ticks[0]) / step);
        return Ticks[0] + step * k;
    }

    /// <summary>The last point of the grid <c>Ticks[0] + k·step</c> at or before <paramref name="time"/>.</summary>
    public DateTimeOffset AlignDown(DateTimeOffset time, TimeSpan step)
    {
        var k = Math.Floor((time - Ticks[0]) / step);
        return Ticks[0] + step * k;
    }
}
