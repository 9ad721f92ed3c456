namespace DeployVerifier.Analysis;

/// <summary>What the trend of one pod's series says at one time.</summary>
/// <param name="SlopePerSecond">The steady growth's rate in base units per second, for the forecast.</param>
/// <param name="SlopeLower">The lower confidence bound of the slope (one-sided 99 %).</param>
/// <param name="SlopeUpper">The upper confidence bound of the slope.</param>
/// <param name="Level">The series' current peak (the highest sample of the last floor window).</param>
/// <param name="Limit">The limit the series is projected towards.</param>
/// <param name="TimeToLimit">Projected time until the peak reaches the limit at the slope; null when not growing.</param>
/// <param name="TimeToLimitEarliest">The same at the slope's upper bound.</param>
/// <param name="TimeToLimitLatest">The same at the slope's lower bound; null when that bound is not above zero.</param>
/// <param name="Asymptote">Where the peak levels off, for a warm-up.</param>
/// <param name="Verdict">Leak, warm-up, undecided or steady.</param>
/// <param name="Evidence">The test's figures.</param>
internal sealed record TrendAssessment(
    double SlopePerSecond,
    double SlopeLower,
    double SlopeUpper,
    double Level,
    double Limit,
    TimeSpan? TimeToLimit,
    TimeSpan? TimeToLimitEarliest,
    TimeSpan? TimeToLimitLatest,
    double? Asymptote,
    TrendVerdict Verdict,
    LeakEvidence Evidence);
