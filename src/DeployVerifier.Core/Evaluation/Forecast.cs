namespace DeployVerifier.Evaluation;

/// <summary>When a growing series is projected to reach its limit, with the uncertainty of the slope.</summary>
/// <param name="SlopePerSecond">Growth of the floor in base units per second.</param>
/// <param name="Level">The current peak.</param>
/// <param name="Limit">The limit.</param>
/// <param name="TimeToLimit">At the fitted slope; null when not growing.</param>
/// <param name="Earliest">At the slope's upper bound.</param>
/// <param name="Latest">At the slope's lower bound; null when the growth is not significant.</param>
/// <param name="Significant">The slope's lower bound is above zero.</param>
/// <param name="LevellingOffAt">Where the peak levels off, for growth that is saturating below the limit.</param>
public sealed record Forecast(
    double SlopePerSecond,
    double Level,
    double Limit,
    TimeSpan? TimeToLimit,
    TimeSpan? Earliest,
    TimeSpan? Latest,
    bool Significant,
    double? LevellingOffAt)
{
    /// <summary>The slope's one-sided 99 % bounds, base units per second: the fastest and slowest plausible growth.</summary>
    public (double Lower, double Upper) SlopeRange { get; init; } = (SlopePerSecond, SlopePerSecond);

    /// <summary>
    /// When the limit is reached, the one time every report names (the sentence, the chart's label, the details):
    /// the fleet's first instance when projected, else <paramref name="from"/> plus <see cref="TimeToLimit"/>; null when not growing.
    /// </summary>
    /// <param name="from">The forecast's evaluation time.</param>
    public DateTimeOffset? ReachesAt(DateTimeOffset from) => Fleet?.FirstInstanceAt ?? (TimeToLimit is { } eta ? from + eta : null);

    /// <summary>For a trend over several instances, when the leak would take them down one after another; null otherwise.</summary>
    public FleetForecast? Fleet { get; init; }
}
