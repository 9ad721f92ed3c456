namespace DeployVerifier.Analysis;

[TestClass]
public sealed class FleetCascadeTests
{
    private const double MiB = 1024 * 1024;
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(24);

    private static (double, double) Pod(double headroomMiB, double mibPerMinute) => (headroomMiB * MiB, mibPerMinute * MiB / 60);

    private static double[] Minutes(IReadOnlyList<TimeSpan?> times) => times.Select(t => t!.Value.TotalMinutes).ToArray();

    [TestMethod]
    public void Project_GrowthNotFollowingLoad_EachReachesItsLimitAtItsOwnRate()
    {
        var times = FleetCascade.Project([Pod(600, 30), Pod(600, 20), Pod(600, 15)], growsWithLoad: false, downtime: null, Horizon);

        CollectionAssert.AreEqual(new[] { 20.0, 30.0, 40.0 }, Minutes(times).Select(m => Math.Round(m, 6)).ToArray());
    }

    [TestMethod]
    public void Project_LostInstanceStaysDown_SurvivorsTakeItsTrafficAndGrowFaster()
    {
        // 560 MiB of headroom each at 30, 22 and 15 MiB/min: the first is down at 18.67 min; the two left serve 3/2 as
        // much (33 and 22.5 MiB/min) until the second is down at 23.19 min; the last alone serves 3 times (45 MiB/min).
        var times = Minutes(FleetCascade.Project([Pod(560, 30), Pod(560, 22), Pod(560, 15)], growsWithLoad: true, downtime: null, Horizon));

        Assert.AreEqual(560.0 / 30, times[0], 1e-6);
        var second = 560.0 / 30 + (560 - 22 * 560.0 / 30) / 33;
        Assert.AreEqual(second, times[1], 1e-6);
        var lastLeft = 560 - 15 * 560.0 / 30 - 22.5 * (second - 560.0 / 30);
        Assert.AreEqual(second + lastLeft / 45, times[2], 1e-6);
    }

    [TestMethod]
    public void Project_LostInstanceComesBack_SurvivorsSlowDownAgain()
    {
        var stays = Minutes(FleetCascade.Project([Pod(100, 10), Pod(300, 10)], growsWithLoad: true, downtime: null, Horizon));
        var back = Minutes(FleetCascade.Project([Pod(100, 10), Pod(300, 10)], growsWithLoad: true, downtime: TimeSpan.FromMinutes(2), Horizon));

        // Down at 10 min; the other then serves twice its share: 200 MiB left at 20 MiB/min, 10 more minutes.
        Assert.AreEqual(20.0, stays[1], 1e-6);

        // Back after 2 minutes: 40 MiB at twice the rate, then 160 MiB at its own: 2 + 16 minutes.
        Assert.AreEqual(28.0, back[1], 1e-6);
    }

    [TestMethod]
    public void Project_AnInstanceThatIsNotGrowing_HoldsAndTheFleetIsNeverAllDown()
    {
        var times = FleetCascade.Project([Pod(100, 10), Pod(500, 0)], growsWithLoad: true, downtime: null, Horizon);

        Assert.AreEqual(10.0, times[0]!.Value.TotalMinutes, 1e-6);
        Assert.IsNull(times[1]);
    }

    [TestMethod]
    public void Project_BeyondTheHorizon_IsNotProjected()
    {
        var times = FleetCascade.Project([Pod(100, 10), Pod(100_000, 1)], growsWithLoad: false, downtime: null, TimeSpan.FromHours(1));

        Assert.AreEqual(10.0, times[0]!.Value.TotalMinutes, 1e-6);
        Assert.IsNull(times[1]);
    }

    [TestMethod]
    public void Project_AlreadyAtTheLimit_IsDueNow()
    {
        var times = FleetCascade.Project([Pod(0, 10), Pod(-5, 10)], growsWithLoad: true, downtime: null, Horizon);

        Assert.AreEqual(TimeSpan.Zero, times[0]);
        Assert.AreEqual(TimeSpan.Zero, times[1]);
    }
}
