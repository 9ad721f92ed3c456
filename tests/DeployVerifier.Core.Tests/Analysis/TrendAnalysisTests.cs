using DeployVerifier.Analysis;
using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

[TestClass]
public sealed class TrendAnalysisTests
{
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(24);

    private static TrendAssessment Assess(List<Sample> samples) =>
        TrendAnalysis.Assess(samples, samples[^1].Time, 1024 * Some.MiB, Some.TrendSettings())!;

    /// <summary>Too few floor points to fit is not a leak either: the check waits for more.</summary>
    private static bool IsLeak(List<Sample> samples) =>
        TrendAnalysis.Assess(samples, samples[^1].Time, 1024 * Some.MiB, Some.TrendSettings())?.ReachesLimitWithin(Horizon) == true;

    [TestMethod]
    public void Assess_SteadyLeak_ReachesTheLimitWithinTheHorizon()
    {
        var assessment = Assess(Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(25), leakMiBPerMinute: 3));

        Assert.IsTrue(assessment.ReachesLimitWithin(Horizon), assessment.ToString());
        Assert.AreEqual(3, assessment.SlopePerSecond * 60 / Some.MiB, 1.0);
        Assert.IsTrue(assessment.TimeToLimit < TimeSpan.FromHours(4), assessment.TimeToLimit.ToString());
    }

    [TestMethod]
    public void Assess_FastLeak_ForecastsMinutesNotHours()
    {
        var assessment = Assess(Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(10), leakMiBPerMinute: 35));

        Assert.IsTrue(assessment.ReachesLimitWithin(Horizon));
        Assert.IsTrue(assessment.TimeToLimit < TimeSpan.FromMinutes(20), assessment.TimeToLimit.ToString());
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void Assess_GcSawtooth_IsNotALeak(int seed)
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(30), sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 20, seed: seed);

        Assert.IsFalse(IsLeak(samples));
    }

    [TestMethod]
    public void Assess_GcRamp_RawSlopeLooksLikeALeakButTheFloorDoesNot()
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(20), sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 10);
        var lastRamp = samples.Where(s => s.Time > samples[^1].Time - TimeSpan.FromMinutes(4.5)).ToList();

        var raw = TheilSen.Fit(lastRamp, TrendAnalysis.Z)!.Value;

        Assert.IsGreaterThan(0, raw.SlopeLower, "a raw slope inside one GC ramp is steep and 'significant'");
        Assert.IsFalse(IsLeak(samples));
    }

    [TestMethod]
    public void Assess_CacheWarmingUp_LevelsOffBelowTheLimit()
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(20), plateauMiB: 150, plateauTauSeconds: 300);

        Assert.IsFalse(IsLeak(samples));
    }

    [TestMethod]
    public void Assess_TooShort_IsNull()
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(4));

        Assert.IsNull(TrendAnalysis.Assess(samples, samples[^1].Time, 1024 * Some.MiB, Some.TrendSettings()));
    }
}
