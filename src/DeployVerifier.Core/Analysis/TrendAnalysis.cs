using DeployVerifier.Checklists;
using DeployVerifier.Metrics;

namespace DeployVerifier.Analysis;

/// <summary>
/// Leak detection for one series: fit a robust slope to the floor (the troughs after each collection), tell a
/// saturating curve from a steady one, and project when the peak reaches the limit.
/// </summary>
internal static class TrendAnalysis
{
    /// <summary>One-sided 99 % bound: a healthy series has a 1 % chance per look of a "significant" slope, and the
    /// check's tolerance (consecutive looks) brings the false-alarm rate of a whole soak well below that.</summary>
    public const double Z = 2.33;

    /// <summary>The fewest floor points a slope is fitted to.</summary>
    public const int MinFloorPoints = 6;

    /// <summary>Assesses <paramref name="samples"/> (time order, no NaN, only the span the series may be judged on).</summary>
    /// <returns>Null when there is too little history to fit a floor.</returns>
    public static TrendAssessment? Assess(IReadOnlyList<Sample> samples, DateTimeOffset now, double limit, TrendSettings settings)
    {
        var envelope = LowerEnvelope.Of(samples, settings.FloorWindow);
        var from = now - settings.Window;
        var floor = envelope.Where(p => p.Time >= from && p.Time <= now).ToList();
        if (floor.Count < MinFloorPoints || floor[^1].Time - floor[0].Time < settings.FloorWindow)
        {
            return null;
        }

        var fit = TheilSen.Fit(floor, Z);
        if (fit is not { } line)
        {
            return null;
        }

        var recentFrom = now - settings.FloorWindow;
        var level = samples.Where(s => s.Time > recentFrom && s.Time <= now).Select(s => s.Value).DefaultIfEmpty(floor[^1].Value).Max();
        var (levellingOff, asymptote, recentSlope) = Saturation(floor, now, level);
        var slope = Math.Max(line.Slope, recentSlope ?? double.NegativeInfinity);
        var headroom = limit - level;
        return new TrendAssessment(
            slope,
            line.SlopeLower,
            line.SlopeUpper,
            level,
            limit,
            Eta(headroom, slope),
            Eta(headroom, line.SlopeUpper),
            Eta(headroom, line.SlopeLower),
            levellingOff && asymptote < limit,
            levellingOff ? asymptote : null,
            floor.Count,
            floor[^1].Time - floor[0].Time);
    }

    /// <summary>
    /// Compares the slopes of the window's two halves. When growth slows by a ratio r over a half of length h, the curve
    /// behaves like an exponential approach with time constant h / ln(1/r), and the peak levels off about
    /// slope · τ above where it is now.
    /// </summary>
    private static (bool LevellingOff, double Asymptote, double? RecentSlope) Saturation(List<Sample> floor, DateTimeOffset now, double level)
    {
        var middle = floor[0].Time + (floor[^1].Time - floor[0].Time) / 2;
        var early = floor.Where(p => p.Time <= middle).ToList();
        var late = floor.Where(p => p.Time >= middle).ToList();
        if (early.Count < 3 || late.Count < 3 || TheilSen.Fit(early, Z) is not { } first || TheilSen.Fit(late, Z) is not { } second)
        {
            return (false, double.NaN, null);
        }

        if (first.Slope <= 0 || second.Slope >= first.Slope)
        {
            return (false, double.NaN, second.Slope);
        }

        var ratio = Math.Max(second.Slope, 0) / first.Slope;
        var half = (floor[^1].Time - floor[0].Time).TotalSeconds / 2;
        var tau = ratio <= 0 ? 0 : half / Math.Log(1 / ratio);
        var floorNow = second.Intercept + second.Slope * (now - second.Origin).TotalSeconds;
        var peakAboveFloor = Math.Max(level - floorNow, 0);
        return (true, floorNow + Math.Max(second.Slope, 0) * tau + peakAboveFloor, second.Slope);
    }

    private static TimeSpan? Eta(double headroom, double slopePerSecond)
    {
        if (slopePerSecond <= 0 || double.IsNaN(slopePerSecond))
        {
            return null;
        }

        if (headroom <= 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = headroom / slopePerSecond;
        return seconds > TimeSpan.MaxValue.TotalSeconds / 2 ? null : TimeSpan.FromSeconds(seconds);
    }
}
