using System.Globalization;

namespace DeployVerifier.Quantities;

/// <summary>
/// A forecast's time of day, as every report writes it: rounded to the nearest minute, so the chart's label and the
/// sentence beside it name the same minute for the same instant.
/// </summary>
public static class ClockText
{
    /// <summary>"14:09", or "2024-08-17 02:10 UTC" when the rounded time is not on <paramref name="now"/>'s day (UTC).</summary>
    public static string AboutMinute(DateTimeOffset time, DateTimeOffset now)
    {
        const long minute = TimeSpan.TicksPerMinute;
        var rounded = new DateTime((time.UtcTicks + (minute / 2)) / minute * minute, DateTimeKind.Utc);
        return rounded.Date == now.UtcDateTime.Date
            ? rounded.ToString("HH:mm", CultureInfo.InvariantCulture)
            : rounded.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }

    /// <summary>"9 min to 12 min" for a range of durations; null when both ends read the same, so no "(10 min to 10 min)" is written.</summary>
    public static string? Range(TimeSpan? soonest, TimeSpan? latest) =>
        soonest is { } soon && latest is { } late && PromDuration.Humanize(soon) != PromDuration.Humanize(late)
            ? $"{PromDuration.Humanize(soon)} to {PromDuration.Humanize(late)}"
            : null;
}
