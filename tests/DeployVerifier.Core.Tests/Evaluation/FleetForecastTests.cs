using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Evaluation;

[TestClass]
public sealed class FleetForecastTests
{
    private const double MiB = 1024 * 1024;
    private static readonly DateTimeOffset Now = new(2024, 8, 16, 13, 59, 0, TimeSpan.Zero);

    /// <summary>A pod 560 MiB below its 1 GiB limit, growing <paramref name="mibPerMinute"/> (±10 % at 99 %).</summary>
    private static (Labels, Forecast?) Pod(string name, double mibPerMinute, double? levellingOff = null)
    {
        var slope = mibPerMinute * MiB / 60;
        var forecast = new Forecast(slope, 464 * MiB, 1024 * MiB, TimeSpan.FromSeconds(560 * MiB / slope), null, null, true, levellingOff)
        {
            SlopeRange = (slope * 0.9, slope * 1.1),
        };
        return (Some.Pod(name), forecast);
    }

    private static FleetForecast Project(bool growsWithLoad, params (Labels, Forecast?)[] pods) =>
        FleetForecast.Project(pods, Now, growsWithLoad, downtime: null, TimeSpan.FromHours(24))!;

    [TestMethod]
    public void Project_ThreeLeakingPods_NamesTheFirstAndTheLastWithARange()
    {
        var fleet = Project(true, Pod("a", 30), Pod("b", 22), Pod("c", 15));

        Assert.AreEqual(3, fleet.Instances);
        Assert.AreEqual(Now + TimeSpan.FromMinutes(560.0 / 30), fleet.FirstInstanceAt);
        Assert.IsTrue(fleet.LastEarliest < fleet.LastInstanceAt && fleet.LastInstanceAt < fleet.LastLatest);

        // The naive forecast, each pod alone at its own rate, is later than the cascade: c alone needs 560/15 = 37 min.
        Assert.AreEqual(560.0 / 15, (fleet.Each[2].AloneAt!.Value - Now).TotalMinutes, 1e-6);
        Assert.IsTrue(fleet.LastInstanceAt < fleet.Each[2].AloneAt!.Value - TimeSpan.FromMinutes(5));
        Assert.AreEqual(fleet.LastInstanceAt, fleet.Each[2].InFleetAt);
    }

    [TestMethod]
    public void Project_NotFollowingLoad_TheLastIsTheNaiveForecast()
    {
        var fleet = Project(false, Pod("a", 30), Pod("b", 22), Pod("c", 15));

        Assert.AreEqual(fleet.Each.Max(e => e.AloneAt), fleet.LastInstanceAt);
    }

    [TestMethod]
    public void Project_APodWarmingUpOrWithoutAForecast_HoldsSoTheServiceIsNotAllDown()
    {
        var warming = Project(true, Pod("a", 30), Pod("b", 22, levellingOff: 700 * MiB));
        var unknown = Project(true, Pod("a", 30), (Some.Pod("b"), null));

        Assert.IsNull(warming.LastInstanceAt);
        Assert.IsNull(unknown.LastInstanceAt);
        Assert.AreEqual(2, unknown.Instances);
    }

    [TestMethod]
    public void Project_NothingGrowing_IsNull()
    {
        var flat = new Forecast(0, 464 * MiB, 1024 * MiB, null, null, null, false, null);

        Assert.IsNull(FleetForecast.Project([(Some.Pod("a"), flat)], Now, true, null, TimeSpan.FromHours(24)));
    }

    [TestMethod]
    public void Describe_Cascade_SaysWhenTheFirstPodReachesTheLimitAndWhenTheServiceIsDown()
    {
        var fleet = Project(true, Pod("a", 30), Pod("b", 22), Pod("c", 15));

        var words = fleet.Describe("1 GiB", Now, TimeSpan.FromHours(24));

        Assert.AreEqual("the first pod reaches its 1 GiB limit at about 14:18, the service would be down by about 14:26 (between 14:24 and 14:29)", words);
    }

    [TestMethod]
    public void Describe_PodsDueTogether_SaysSoOnce()
    {
        var fleet = Project(true, Pod("a", 30), Pod("b", 30));

        StringAssert.StartsWith(fleet.Describe("1 GiB", Now, TimeSpan.FromHours(24)), "all 2 pods reach their 1 GiB limit at about 14:18: the service would be down then");
    }

    [TestMethod]
    public void Describe_APodHolds_SaysTheOthersHold()
    {
        var fleet = Project(true, Pod("a", 30), Pod("b", 22, levellingOff: 700 * MiB));

        Assert.AreEqual("the first pod reaches its limit at about 14:18; the others then carry its traffic and hold beyond the 1d horizon",
            fleet.Describe(null, Now, TimeSpan.FromHours(24)));
    }

    [TestMethod]
    public void Describe_FirstPodPastItsLimitAlready_SaysItIsAtItRatherThanWhen()
    {
        var fleet = Project(true, Pod("a", 30), Pod("b", 22)) with { FirstInstanceAt = Now.AddSeconds(-40) };

        StringAssert.StartsWith(fleet.Describe("1 GiB", Now, TimeSpan.FromHours(24)), "the first pod has already reached its 1 GiB limit, the service would be down by about");
    }
}
