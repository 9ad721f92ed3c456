using DeployVerifier.Measurements;
using DeployVerifier.Support;

namespace DeployVerifier.Measurements;

[TestClass]
public sealed class SoakScheduleTests
{
    [TestMethod]
    public void Ticks_RunFromWarmUpToTheEnd()
    {
        var schedule = new SoakSchedule(Some.DeployedAt, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));

        Assert.AreEqual(Some.DeployedAt.AddMinutes(1), schedule.Ticks[0]);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(30), schedule.Ticks[^1]);
        Assert.HasCount(59, schedule.Ticks);
    }

    [TestMethod]
    public void Ticks_UnevenSoak_LastTickCoversTheEnd()
    {
        var schedule = new SoakSchedule(Some.DeployedAt, TimeSpan.FromSeconds(100), TimeSpan.Zero, TimeSpan.FromSeconds(30));

        Assert.AreEqual(Some.DeployedAt.AddSeconds(120), schedule.Ticks[^1]);
    }

    [TestMethod]
    public void Constructor_WarmUpLongerThanTheSoak_Throws()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            new SoakSchedule(Some.DeployedAt, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30)));
    }

    [TestMethod]
    public void Align_SnapsToTheTickGrid()
    {
        var schedule = new SoakSchedule(Some.DeployedAt, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

        Assert.AreEqual(Some.DeployedAt, schedule.AlignUp(Some.DeployedAt.AddSeconds(-10), TimeSpan.FromSeconds(15)));
        Assert.AreEqual(Some.DeployedAt.AddSeconds(45), schedule.AlignDown(Some.DeployedAt.AddSeconds(59), TimeSpan.FromSeconds(15)));
    }
}
