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
