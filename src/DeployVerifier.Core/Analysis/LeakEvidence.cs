namespace DeployVerifier.Analysis;

/// <summary>What the floor of one series says about a leak against a warm-up (see <see cref="LeakTest"/>).</summary>
/// <param name="LeakStatistic">How much better steady growth explains the floor than any warm-up that levels off
/// below the limit, in units of chance (twice the log likelihood ratio); a leak is called at <see cref="LeakTest.LeakThreshold"/>.</param>
/// <param name="WarmUpStatistic">How much better a warm-up (with or without growth) explains the floor than steady
/// growth alone: large when the growth bends.</param>
/// <param name="RiseStatistic">How much better steady growth explains the floor than no growth.</param>
/// <param name="SlopePerSecond">The growth rate of steady growth, in base units per second.</param>
/// <param name="SlopeStandardError">Its standard error.</param>
/// <param name="Onset">When the steady growth started, by its best fit.</param>
/// <param name="FloorAsymptote">Where the best warm-up levels off, when it rises at all.</param>
/// <param name="FloorNoise">The standard deviation of one floor point by chance.</param>
internal sealed record LeakEvidence(
    double LeakStatistic,
    double WarmUpStatistic,
    double RiseStatistic,
    double SlopePerSecond,
    double SlopeStandardError,
    DateTimeOffset Onset,
    double? FloorAsymptote,
    double FloorNoise);
