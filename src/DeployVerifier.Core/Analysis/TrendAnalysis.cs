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

    /// <summary>The shortest stretch of floor points a slope is fitted to.</summary>
    public static readonly TimeSpan MinSpan = TimeSpan.FromMinutes(2);

    /// <summary>Assesses <paramref name="samples"/> (time order, no NaN, only the span the series may be judged on).</summary>
    /// <returns>Null when there is too little history to fit a floor.</returns>
    public static TrendAssessment? Assess(IReadOnlyList<Sample> samples, DateTimeOffset now, double limit, TrendSettings settings)
    {
        var recentFrom = now - settings.FloorWindow;
        var recent = samples.Where(s => s.Time > recentFrom && s.Time <= now).ToList();
        if (recent.Count == 0)
        {
            return null;
        }

        var level = recent.Max(s => s.Value);
        var points = FloorPoints.Of(samples.Where(s => s.Time >= now - settings.Window && s.Time <= now).ToList(), settings.FloorWindow);
        if (points.Count < MinFloorPoints || points[^1].Time - points[0].Time < MinSpan)
        {
            return null;
        }

        // Several windows, shortest first: a short one may only call a leak that is due soon (see RequiredSpan),
        // so a fast leak is caught within minutes while slow growth is judged on the whole history.
        TrendAssessment? longest = null;
        foreach (var window in Windows(settings))
        {
            var inWindow = points.Where(p => p.Time >= now - window).ToList();
            if (inWindow.Count < MinFloorPoints || (longest is not null && inWindow.Count == longest.FloorPoints))
            {
                continue;
            }

            var assessment = Fit(inWindow, level, limit, settings.FloorWindow);
            if (assessment is null)
            {
                continue;
            }

            // Growth that has stopped (a pod's start-up settling) shows in the window but not in its recent half.
            if (assessment.SlopeLower > 0 && !RecentHalfGrows(inWindow, settings.FloorWindow))
            {
                assessment = assessment with { SlopeLower = 0 };
            }

            if (assessment.ReachesLimitWithin(settings.Horizon) && window < settings.Window)
            {
                return Saturated(assessment, points, limit);
            }

            longest = assessment;
        }

        return longest is null ? null : Saturated(longest, points, limit);
    }

    private static bool RecentHalfGrows(List<Sample> points, TimeSpan floorWindow)
    {
        var middle = points[0].Time + (points[^1].Time - points[0].Time) / 2;
        var recent = points.Where(p => p.Time >= middle).ToList();
        return recent.Count >= 3 && Fit(recent, 0, 1, floorWindow) is { SlopeLower: > 0 };
    }

    private static IEnumerable<TimeSpan> Windows(TrendSettings settings)
    {
        for (var minutes = 5; TimeSpan.FromMinutes(minutes) < settings.Window; minutes *= 2)
        {
            yield return TimeSpan.FromMinutes(minutes);
        }

        yield return settings.Window;
    }

    private static TrendAssessment? Fit(List<Sample> points, double level, double limit, TimeSpan floorWindow)
    {
        // Means over overlapping windows are not independent: about one per window is, and the interval says so.
        var independent = 1 + (points[^1].Time - points[0].Time) / floorWindow;
        if (TheilSen.Fit(points, Z, points.Count / independent) is not { } line)
        {
            return null;
        }

        var headroom = limit - level;
        return new TrendAssessment(line.Slope, line.SlopeLower, line.SlopeUpper, level, limit,
            Eta(headroom, line.Slope), Eta(headroom, line.SlopeUpper), Eta(headroom, line.SlopeLower),
            false, null, points.Count, points[^1].Time - points[0].Time);
    }

    /// <summary>Growth that levels off below the limit over the whole history is not a leak, whatever a window says.</summary>
    private static TrendAssessment Saturated(TrendAssessment assessment, IReadOnlyList<Sample> points, double limit)
    {
        if (SaturationFit.LevelsOffAt(points) is not { } floorAsymptote)
        {
            return assessment;
        }

        // The peak stands above the floor points by about half the sawtooth; where they level off, so does the peak.
        var asymptote = floorAsymptote + Math.Max(assessment.Level - points[^1].Value, 0);
        return assessment with { LevellingOff = asymptote < limit, Asymptote = asymptote };
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
