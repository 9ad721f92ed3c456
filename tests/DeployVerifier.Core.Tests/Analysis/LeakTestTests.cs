using DeployVerifier.Analysis;
using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

[TestClass]
public sealed class LeakTestTests
{
    private static readonly TimeSpan FloorWindow = TimeSpan.FromMinutes(5);

    /// <summary>The largest leak statistic over a look every 30 s, as a soak would test, from the first floor points on.</summary>
    private static double LargestStatistic(List<Sample> samples, double maxFloorAsymptoteMiB = 1000)
    {
        var largest = 0.0;
        for (var now = samples[0].Time.AddMinutes(8); now <= samples[^1].Time; now = now.AddSeconds(30))
        {
            var seen = samples.Where(s => s.Time <= now).ToList();
            largest = Math.Max(largest, LeakTest.Weigh(seen, FloorWindow, maxFloorAsymptoteMiB * Some.MiB)?.LeakStatistic ?? 0);
        }

        return largest;
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void Weigh_WarmUpOf250MiBOver30Minutes_IsNeverALeak(int seed)
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(30), plateauMiB: 250, plateauTauSeconds: 600, seed: seed);

        Assert.IsLessThan(LeakTest.LeakThreshold, LargestStatistic(samples));
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void Weigh_CacheStartingTenMinutesAfterThePod_IsNeverALeak(int seed)
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(30), plateauMiB: 250, plateauTauSeconds: 600,
            plateauStartSeconds: 600, sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 20, seed: seed);

        Assert.IsLessThan(LeakTest.LeakThreshold, LargestStatistic(samples));
    }

    [TestMethod]
    public void Weigh_FastLeakNearTheLimit_IsALeak()
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(15), leakMiBPerMinute: 35);

        var evidence = LeakTest.Weigh(samples, FloorWindow, 1000 * Some.MiB)!;

        Assert.IsGreaterThanOrEqualTo(LeakTest.LeakThreshold, evidence.LeakStatistic, evidence.ToString());
        Assert.AreEqual(35, evidence.SlopePerSecond * 60 / Some.MiB, 3);
    }

    [TestMethod]
    public void Weigh_SteadyLeak_RisesAtItsRate()
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(30), leakMiBPerMinute: 2, seed: 4);

        var evidence = LeakTest.Weigh(samples, FloorWindow, 1000 * Some.MiB)!;

        Assert.IsGreaterThanOrEqualTo(LeakTest.RiseThreshold, evidence.RiseStatistic, evidence.ToString());
        Assert.AreEqual(2, evidence.SlopePerSecond * 60 / Some.MiB, 0.5);
    }

    [TestMethod]
    public void Weigh_FlatFloorUnderASawtooth_DoesNotRise()
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(30), sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 20);

        var evidence = LeakTest.Weigh(samples, FloorWindow, 1000 * Some.MiB)!;

        Assert.IsLessThan(LeakTest.RiseThreshold, evidence.RiseStatistic, evidence.ToString());
        Assert.IsLessThan(LeakTest.LeakThreshold, evidence.LeakStatistic);
    }

    [TestMethod]
    public void Weigh_TooShort_IsNull()
    {
        Assert.IsNull(LeakTest.Weigh(Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(4)), FloorWindow, 1000 * Some.MiB));
    }
}
