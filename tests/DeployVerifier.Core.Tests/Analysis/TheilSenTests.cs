using DeployVerifier.Analysis;
using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

[TestClass]
public sealed class TheilSenTests
{
    [TestMethod]
    public void Fit_ExactLine_ReturnsItsSlopeAndIntercept()
    {
        var points = Enumerable.Range(0, 10).Select(i => new Sample(Some.DeployedAt.AddSeconds(15 * i), 100 + 2 * 15 * i)).ToList();

        var fit = TheilSen.Fit(points, 2.33)!.Value;

        Assert.AreEqual(2, fit.Slope, 1e-9);
        Assert.AreEqual(100, fit.Intercept, 1e-9);
    }

    [TestMethod]
    public void Fit_WithOutliers_KeepsTheSlopeOfTheMajority()
    {
        var points = Enumerable.Range(0, 20).Select(i => new Sample(Some.DeployedAt.AddSeconds(i), i % 7 == 3 ? 10_000 : i)).ToList();

        var fit = TheilSen.Fit(points, 2.33)!.Value;

        Assert.AreEqual(1, fit.Slope, 0.05);
    }

    [TestMethod]
    public void Fit_FlatNoise_HasAnIntervalAroundZero()
    {
        var random = new Random(4);
        var points = Enumerable.Range(0, 40).Select(i => new Sample(Some.DeployedAt.AddSeconds(15 * i), random.NextDouble())).ToList();

        var fit = TheilSen.Fit(points, 2.33)!.Value;

        Assert.IsLessThan(0, fit.SlopeLower);
        Assert.IsGreaterThan(0, fit.SlopeUpper);
    }

    [TestMethod]
    public void Fit_OnePoint_IsNull()
    {
        Assert.IsNull(TheilSen.Fit([new Sample(Some.DeployedAt, 1)], 2.33));
    }
}
