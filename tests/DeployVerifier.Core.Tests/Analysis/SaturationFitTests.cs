using DeployVerifier.Analysis;
using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

[TestClass]
public sealed class SaturationFitTests
{
    private static List<Sample> Curve(Func<double, double> valueAtMinute) =>
        Enumerable.Range(0, 80).Select(i => new Sample(Some.DeployedAt.AddSeconds(15 * i), valueAtMinute(i / 4.0))).ToList();

    [TestMethod]
    public void LevelsOffAt_ExponentialApproach_GivesTheAsymptote()
    {
        var floor = Curve(m => 500 - 150 * Math.Exp(-m / 5));

        Assert.AreEqual(500, SaturationFit.LevelsOffAt(floor)!.Value, 5);
    }

    [TestMethod]
    public void LevelsOffAt_SteadyGrowth_IsNull()
    {
        var random = new Random(3);

        Assert.IsNull(SaturationFit.LevelsOffAt(Curve(m => 400 + 3 * m + random.NextDouble())));
    }

    [TestMethod]
    public void LevelsOffAt_AcceleratingGrowth_IsNull()
    {
        Assert.IsNull(SaturationFit.LevelsOffAt(Curve(m => m < 10 ? 400 : 400 + 30 * (m - 10))));
    }
}
