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
/// <param name="ObservedSpan">The time between the first and the last floor point.</param>
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
    int FloorPoints,
    TimeSpan ObservedSpan)
{
    /// <summary>The longest we watch before judging a growth, however distant its limit.</summary>
    public static readonly TimeSpan MaxEvidenceSpan = TimeSpan.FromMinutes(12);

    /// <summary>Growing significantly, not levelling off below the limit, and due to reach it within <paramref name="horizon"/>.</summary>
    public bool Growing(TimeSpan horizon) => SlopeLower > 0 && !LevellingOff && TimeToLimit is { } eta && eta <= horizon;

    /// <summary>
    /// The floor must have been watched for a quarter of the time the forecast leaves (at most
    /// <see cref="MaxEvidenceSpan"/>): a leak due in minutes is called at once, while growth due in hours is watched long
    /// enough to tell a steady leak from a cache that is still warming up.
    /// </summary>
    public TimeSpan RequiredSpan => TimeToLimit is { } eta ? TimeSpan.FromTicks(Math.Min(eta.Ticks / 4, MaxEvidenceSpan.Ticks)) : MaxEvidenceSpan;

    /// <summary>Growing, and watched long enough to be sure: the check fails.</summary>
    public bool ReachesLimitWithin(TimeSpan horizon) => Growing(horizon) && ObservedSpan >= RequiredSpan;
}
