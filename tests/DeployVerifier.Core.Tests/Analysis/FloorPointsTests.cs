using DeployVerifier.Analysis;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

[TestClass]
public sealed class FloorPointsTests
{
    [TestMethod]
    [DataRow(150)]
    [DataRow(300)]
    public void Of_SawtoothOfWholeCycles_IsLevel(int periodSeconds)
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(30), sawMiB: 200, sawPeriodSeconds: periodSeconds, noiseMiB: 0);

        var points = FloorPoints.Of(samples, TimeSpan.FromMinutes(5));

        Assert.IsGreaterThan(50, points.Count);
        var values = points.Select(p => p.Value / Some.MiB).ToList();
        Assert.IsLessThan(1, values.Max() - values.Min(), "the sawtooth cancels over whole cycles");
    }

    [TestMethod]
    public void Of_Leak_KeepsItsSlope()
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(30), leakMiBPerMinute: 10, noiseMiB: 0);

        var points = FloorPoints.Of(samples, TimeSpan.FromMinutes(5));

        var slope = (points[^1].Value - points[0].Value) / (points[^1].Time - points[0].Time).TotalMinutes / Some.MiB;
        Assert.AreEqual(10, slope, 0.1);
    }

    [TestMethod]
    public void Of_ShorterThanTheWindow_IsEmpty()
    {
        Assert.IsEmpty(FloorPoints.Of(Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(4)), TimeSpan.FromMinutes(5)));
    }
}
