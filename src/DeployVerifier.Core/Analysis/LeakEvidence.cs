namespace DeployVerifier.Analysis;

/// <summary>What one pod's samples say about a leak against a warm-up (see <see cref="LeakTest"/>).</summary>
/// <param name="LeakStatistic">How much better steady growth explains the samples than any warm-up that levels off
/// below the limit, in units of the noise variance (twice the log likelihood ratio); negative when a warm-up explains
/// them better.</param>
/// <param name="RiseStatistic">How much better steady growth explains the samples than the start-up settling alone.</param>
/// <param name="SlopePerSecond">The growth rate of the steady growth, in base units per second.</param>
/// <param name="SlopeStandardError">Its standard error.</param>
/// <param name="Onset">When the steady growth started, by its best fit.</param>
/// <param name="WarmUpRemaining">How much the best warm-up still grows after now.</param>
/// <param name="Noise">The standard deviation of one sample around the level, the sawtooth taken out.</param>
/// <param name="SawtoothPeriod">The garbage-collection cycle found, if any.</param>
/// <param name="RecentSlopePerSecond">A straight line's slope over the last <see cref="LeakTest.RecentMinutes"/> minutes.</param>
/// <param name="RecentSlopeStandardError">Its standard error.</param>
internal sealed record LeakEvidence(
    double LeakStatistic,
    double RiseStatistic,
    double SlopePerSecond,
    double SlopeStandardError,
    DateTimeOffset Onset,
    double WarmUpRemaining,
    double Noise,
    TimeSpan? SawtoothPeriod,
    double RecentSlopePerSecond,
    double RecentSlopeStandardError);
