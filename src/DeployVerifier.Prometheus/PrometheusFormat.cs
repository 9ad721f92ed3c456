using System.Globalization;
using System.Text.Json;

namespace DeployVerifier.Prometheus;

/// <summary>The API's spelling of times, durations and sample values.</summary>
internal static class PrometheusFormat
{
    // Decimal keeps every tick exact; a double would print 1700000000.1 as 1700000000.0999999.
    public static string Time(DateTimeOffset time) => Seconds(time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks);

    public static string Step(TimeSpan step) => Seconds(step.Ticks);

    public static DateTimeOffset ParseTime(JsonElement element) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(element.GetDecimal() * TimeSpan.TicksPerSecond));

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
