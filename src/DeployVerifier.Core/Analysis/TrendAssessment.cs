namespace DeployVerifier.Analysis;

/// <summary>What the trend of one growing series says at one time.</summary>
/// <param name="SlopePerSecond">The floor's growth in base units per second (Theil–Sen), for the forecast.</param>
/// <param name="SlopeLower">The lower confidence bound of the slope; above zero means the growth is significant.</param>
/// <param name="SlopeUpper">The upper confidence bound of the slope.</param>
/// <param name="Level">The series' current peak (the highest sample of the last floor window).</param>
/// <param name="Limit">The limit the series is projected towards.</param>
/// <param name="TimeToLimit">Projected time until the peak reaches the limit at the current slope; null when not growing.</param>
/// <param name="TimeToLimitEarliest">The same at the slope's upper bound.</param>
/// <param name="TimeToLimitLatest">The same at the slope's lower bound; null when that bound is not above zero.</param>
/// <param name="LevellingOff">Growth is slowing down towards an asymptote below the limit (a cache warming up).</param>
/// <param name="Asymptote">Where the peak would level off, when it is levelling off.</param>
/// <param name="FloorPoints">How many floor points the slope was fitted to.</param>
internal sealed record TrendAssessment(
    double SlopePerSecond,
    double SlopeLower,
    double SlopeUpper,
    double Level,
    double Limit,
    TimeSpan? TimeToLimit,
    TimeSpan? TimeToLimitEarliest,
    TimeSpan? TimeToLimitLatest,
    bool LevellingOff,
    double? Asymptote,
    int FloorPoints)
{
    /// <summary>Growing significantly, not levelling off below the limit, and due to reach it within <paramref name="horizon"/>.</summary>
    public bool ReachesLimitWithin(TimeSpan horizon) =>
        SlopeLower > 0 && !LevellingOff && TimeToLimit is { } eta && eta <= horizon;
}
