using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

[TestClass]
public sealed class LeakTestTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    [TestMethod]
    public void Weigh_WarmUp_IsBetterExplainedByAWarmUp()
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(30), seed: 1, plateauMiB: 250, plateauTauSeconds: 600);

        var evidence = LeakTest.Weigh(samples, Some.DeployedAt, Step, 500 * Some.MiB)!;

        Assert.IsLessThan(-TrendAnalysis.WarmUpThreshold, evidence.LeakStatistic, evidence.ToString());
        Assert.AreEqual(TimeSpan.FromSeconds(150), evidence.SawtoothPeriod);
        Assert.AreEqual(8, evidence.Noise / Some.MiB, 1.5);
    }

    [TestMethod]
    public void Weigh_SteadyLeak_IsBetterExplainedByALeak()
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), seed: 1, leakMiBPerMinute: 3);

        var evidence = LeakTest.Weigh(samples, Some.DeployedAt, Step, 500 * Some.MiB)!;

        Assert.IsGreaterThan(TrendAnalysis.LeakThreshold, evidence.LeakStatistic, evidence.ToString());
        Assert.AreEqual(3, evidence.SlopePerSecond * 60 / Some.MiB, 0.3);
    }

    [TestMethod]
    public void Weigh_WarmUpThatWouldPassTheLimit_IsNoExcuse()
    {
        // 35 MiB/min for six minutes, 300 MiB short of the limit: a warm-up of τ ≤ 10 min fitting that rise would not stop in time.
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(21), seed: 1, leakMiBPerMinute: 35, leakOnsetMinutes: 15);

        var bounded = LeakTest.Weigh(samples, Some.DeployedAt, Step, 300 * Some.MiB)!;
        var unbounded = LeakTest.Weigh(samples, Some.DeployedAt, Step, 10_000 * Some.MiB)!;

        Assert.IsGreaterThanOrEqualTo(unbounded.LeakStatistic, bounded.LeakStatistic);
    }

    [TestMethod]
    public void Weigh_TooFewSamples_IsNull()
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(5), seed: 1);

        Assert.IsNull(LeakTest.Weigh(samples, Some.DeployedAt, Step, 500 * Some.MiB));
    }
}
