using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

[TestClass]
public sealed class SawtoothPeriodTests
{
    [TestMethod]
    [DataRow(150, 45, 8, 10)]
    [DataRow(300, 200, 20, 20)]
    [DataRow(240, 150, 15, 16)]
    [DataRow(120, 100, 20, 8)]
    public void Of_GcSawtooth_FindsItsCycleInSteps(double periodSeconds, double sawMiB, double noiseMiB, int expected)
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(25), seed: 3, sawMiB: sawMiB, sawPeriodSeconds: periodSeconds, noiseMiB: noiseMiB);

        Assert.AreEqual(expected, SawtoothPeriod.Of(samples.Select(s => s.Value).ToList()));
    }

    [TestMethod]
    [DataRow(20, 40)]
    [DataRow(9, null)]
    public void Of_TenMinuteCycle_IsFoundOnceTwoDropsAreSeen(int minutes, int? expected)
    {
        // Twenty minutes hold two drops whatever the phase (three cycles were needed before); nine hold at most one.
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(minutes), seed: 3, sawMiB: 300, sawPeriodSeconds: 600, noiseMiB: 10);

        Assert.AreEqual(expected, SawtoothPeriod.Of(samples.Select(s => s.Value).ToList()));
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    [DataRow(4)]
    [DataRow(5)]
    public void Of_ShortNoisyHistory_FindsNoCycleAtLongLags(int seed)
    {
        // Few pairs of steps at a long lag correlate by chance more than many do: the bar rises with fewer pairs.
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(12), seed, sawMiB: 0, noiseMiB: 20);

        Assert.IsNull(SawtoothPeriod.Of(samples.Select(s => s.Value).ToList()));
    }

    [TestMethod]
    public void Of_NoiseAlone_IsNull()
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(25), seed: 3, sawMiB: 0);

        Assert.IsNull(SawtoothPeriod.Of(samples.Select(s => s.Value).ToList()));
    }

    [TestMethod]
    public void Of_MissingReadings_AreSkipped()
    {
        var values = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(25), seed: 3).Select(s => s.Value).ToList();
        values[17] = double.NaN;
        values[40] = double.NaN;

        Assert.AreEqual(10, SawtoothPeriod.Of(values));
    }
}
