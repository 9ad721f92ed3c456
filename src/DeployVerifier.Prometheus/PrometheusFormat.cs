using System.Globalization;

namespace DeployVerifier.Prometheus;

/// <summary>The API's spelling of times, durations and sample values.</summary>
internal static class PrometheusFormat
{
    // Decimal keeps every tick exact; a double would print 1700000000.1 as 1700000000.0999999.
    public static string Time(DateTimeOffset time) => Seconds(time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks);

    public static string Step(TimeSpan step) => Seconds(step.Ticks);

    /// <summary>Unix seconds; a time a <see cref="DateTimeOffset"/> can't hold is a <see cref="FormatException"/>, like any malformed answer.</summary>
    /// <param name="seconds">The number, or null when it is not one a decimal holds.</param>
    /// <param name="raw">Its text in the answer, for the error.</param>
    public static DateTimeOffset ParseTime(decimal? seconds, string raw) =>
        seconds is { } value && TryTime(value, out var time) ? time : throw new FormatException($"the sample time {raw} is out of range");

    /// <summary>Unix seconds as a time; false for one a <see cref="DateTimeOffset"/> can't hold.</summary>
    public static bool TryTime(decimal seconds, out DateTimeOffset time)
    {
        var inRange = seconds >= MinSeconds && seconds <= MaxSeconds;
        time = inRange ? DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond)) : default;
        return inRange;
    }

    private static readonly decimal MinSeconds = (decimal)(DateTimeOffset.MinValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;

    private static readonly decimal MaxSeconds = (decimal)(DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;

    /// <summary>Values come as strings because JSON has no NaN or infinity; Go spells those its own way.</summary>
    public static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Seconds(long ticks) =>
        ((decimal)ticks / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture);
}
