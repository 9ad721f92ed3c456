using DeployVerifier.Quantities;

namespace DeployVerifier.Reports;

/// <summary>Round steps for chart axes: 1-2-5 for numbers, powers of two for bytes, whole minutes and hours for time.</summary>
internal static class ChartTicks
{
    private static readonly double[] Mantissas = [1, 2, 2.5, 5, 10];

    private static readonly int[] MinuteSteps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];

    /// <summary>The smallest round step that cuts <paramref name="span"/> into at most <paramref name="most"/> parts.</summary>
    public static double Step(double span, QuantityUnit unit, int most = 6)
    {
        if (!(span > 0) || !double.IsFinite(span))
        {
            return 1;
        }

        var rough = span / most;
        if (unit == QuantityUnit.Bytes && rough >= 1)
        {
            // Memory limits are powers of two: 256 MiB steps land on a 1 GiB limit.
            return Math.Pow(2, Math.Ceiling(Math.Log2(rough)));
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return Mantissas.Select(m => m * magnitude).First(s => s >= rough * (1 - 1e-9));
    }

    /// <summary>The multiples of <paramref name="step"/> from <paramref name="low"/> to <paramref name="high"/>.</summary>
    public static IReadOnlyList<double> Values(double low, double high, double step)
    {
        var ticks = new List<double>();
        for (var k = Math.Ceiling(low / step - 1e-9); k * step <= high + step * 1e-9 && ticks.Count < 100; k++)
        {
            ticks.Add(k * step + 0.0); // + 0.0 turns -0 into 0, which would be written "-0"
        }

        return ticks;
    }

    /// <summary>A whole number of minutes (or hours) that cuts <paramref name="span"/> into at most <paramref name="most"/> parts.</summary>
    public static TimeSpan TimeStep(TimeSpan span, int most = 8)
    {
        foreach (var minutes in MinuteSteps)
        {
            if (span / TimeSpan.FromMinutes(minutes) <= most)
            {
                return TimeSpan.FromMinutes(minutes);
            }
        }

        return TimeSpan.FromDays(Math.Ceiling(span / TimeSpan.FromDays(1) / most));
    }

    /// <summary>The UTC times on whole steps between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Times(DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        var first = new DateTimeOffset((start.UtcTicks + step.Ticks - 1) / step.Ticks * step.Ticks, TimeSpan.Zero);
        var times = new List<DateTimeOffset>();
        for (var time = first; time <= end && times.Count < 100; time += step)
        {
            times.Add(time);
        }

        return times;
    }
}
