using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Evaluation;

[TestClass]
public sealed class FleetRedundancyTests
{
    private static List<(Labels Labels, double Load, double Capacity)> Fleet(params (double Load, double Capacity)[] instances) =>
        instances.Select((i, n) => (Some.Pod($"checkout-{n}"), i.Load, i.Capacity)).ToList();

    [TestMethod]
    public void Assess_EvenLoads_SpreadsTheLostLoadOverTheOthers()
    {
        // The example: 3 pods at 73 % of 1 core; if one is lost the other 2 need 110 %.
        var assessment = FleetRedundancy.Assess(Fleet((0.73, 1), (0.73, 1), (0.73, 1)), spare: 1)!;

        Assert.AreEqual(1.095, assessment.SurvivorUtilization, 1e-9);
        Assert.AreEqual(0.73, assessment.MostUtilization, 1e-9);
        Assert.AreEqual(3, assessment.Instances);
    }

    [TestMethod]
    public void Assess_UnevenLoads_LosesTheBusiestAndNamesTheBusiestSurvivor()
    {
        // Losing the 0.8 pod puts 0.4 on each of the others: 0.6 + 0.4 = 1.0 and 0.2 + 0.4 = 0.6.
        var assessment = FleetRedundancy.Assess(Fleet((0.2, 1), (0.8, 1), (0.6, 1)), spare: 1)!;

        Assert.AreEqual(1.0, assessment.SurvivorUtilization, 1e-9);
        Assert.AreEqual("checkout-2", assessment.Survivor["pod"]);
        Assert.AreEqual(0.2, assessment.LeastUtilization, 1e-9);
        Assert.AreEqual(0.8, assessment.MostUtilization, 1e-9);
    }

    [TestMethod]
    public void Assess_DifferingCapacities_JudgesEachSurvivorAgainstItsOwn()
    {
        // Lost: the 1.2-core pod; 0.6 each to the others: (0.5 + 0.6) / 2 = 55 %, (0.5 + 0.6) / 1 = 110 %.
        var assessment = FleetRedundancy.Assess(Fleet((0.5, 2), (1.2, 2), (0.5, 1)), spare: 1)!;

        Assert.AreEqual(1.1, assessment.SurvivorUtilization, 1e-9);
        Assert.AreEqual("checkout-2", assessment.Survivor["pod"]);
        Assert.AreEqual(0.25, assessment.LeastUtilization, 1e-9);
        Assert.AreEqual(0.6, assessment.MostUtilization, 1e-9);
    }

    [TestMethod]
    public void Assess_SpareTwo_LosesTheTwoBusiest()
    {
        // 4 pods at 0.4, 0.3, 0.2, 0.1: losing 0.4 and 0.3 puts 0.35 on each survivor: 0.2 + 0.35 = 0.55.
        var assessment = FleetRedundancy.Assess(Fleet((0.1, 1), (0.4, 1), (0.2, 1), (0.3, 1)), spare: 2)!;

        Assert.AreEqual(0.55, assessment.SurvivorUtilization, 1e-9);
        Assert.AreEqual("checkout-2", assessment.Survivor["pod"]);
        Assert.AreEqual(2, assessment.Lost);
    }

    [TestMethod]
    [DataRow(1, 1)]
    [DataRow(2, 2)]
    [DataRow(1, 3)]
    public void Assess_NoSurvivor_IsNull(int instances, int spare)
    {
        var fleet = Fleet(Enumerable.Repeat((0.1, 1.0), instances).ToArray());

        Assert.IsNull(FleetRedundancy.Assess(fleet, spare));
    }
}
