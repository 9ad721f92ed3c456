namespace DeployVerifier.Backtests;

[TestClass]
public sealed class ReleaseDeadlineTests
{
    private static readonly TimeSpan ThirtyMinutes = TimeSpan.FromMinutes(30);

    [TestMethod]
    // deadline (min, -1 none), decided after (min, -1 never), meets
    [DataRow(-1, 42, true, DisplayName = "no deadline: any time")]
    [DataRow(30, 29, true, DisplayName = "before")]
    [DataRow(30, 30, true, DisplayName = "at the deadline")]
    [DataRow(30, 42, false, DisplayName = "after")]
    [DataRow(30, -1, false, DisplayName = "never decided")]
    public void Meets_DecidedAtOrBeforeTheDeadline(int deadline, int decidedAfter, bool meets) =>
        Assert.AreEqual(meets, ReleaseDeadline.Meets(deadline < 0 ? null : TimeSpan.FromMinutes(deadline), decidedAfter < 0 ? null : TimeSpan.FromMinutes(decidedAfter)));

    [TestMethod]
    public void Agrees_AFailureAfterTheDeadline_Disagrees()
    {
        Assert.IsTrue(BacktestVerdict.Failed.Agrees(ExpectedVerdict.Failed, ThirtyMinutes, TimeSpan.FromMinutes(12)));
        Assert.IsFalse(BacktestVerdict.Failed.Agrees(ExpectedVerdict.Failed, ThirtyMinutes, TimeSpan.FromMinutes(42)));
        Assert.IsFalse(BacktestVerdict.Inconclusive.Agrees(ExpectedVerdict.NotPassed, ThirtyMinutes, TimeSpan.FromMinutes(42)));
        Assert.IsTrue(BacktestVerdict.Failed.Agrees(ExpectedVerdict.Failed, null, TimeSpan.FromMinutes(42)), "without a deadline, as before");
    }

    [TestMethod]
    public void Late_SaysWhenItWasDecidedAndTheDeadline()
    {
        Assert.AreEqual("failed at +42m, after its 30m deadline", ReleaseDeadline.Late(BacktestVerdict.Failed, TimeSpan.FromMinutes(42), ThirtyMinutes));
        Assert.AreEqual("inconclusive with nothing evaluated, so not decided by its 30m deadline", ReleaseDeadline.Late(BacktestVerdict.Inconclusive, null, ThirtyMinutes));
        Assert.IsNull(ReleaseDeadline.Late(BacktestVerdict.Failed, TimeSpan.FromMinutes(12), ThirtyMinutes), "in time");
        Assert.IsNull(ReleaseDeadline.Late(BacktestVerdict.Passed, TimeSpan.FromMinutes(42), ThirtyMinutes), "a pass is missed for passing, not for lateness");
        Assert.IsNull(ReleaseDeadline.Late(BacktestVerdict.Failed, TimeSpan.FromMinutes(42), null));
    }

    [TestMethod]
    public void InTime_SaysWhenToTheSecond()
    {
        var deadline = TimeSpan.FromSeconds((23 * 60) + 30);
        Assert.AreEqual("failed at +23m30s, within its 23m30s deadline", ReleaseDeadline.InTime(BacktestVerdict.Failed, deadline, deadline), "'24 min' would read as late");
        Assert.IsNull(ReleaseDeadline.InTime(BacktestVerdict.Failed, TimeSpan.FromMinutes(42), ThirtyMinutes), "late: Late says it");
        Assert.IsNull(ReleaseDeadline.InTime(BacktestVerdict.Failed, TimeSpan.FromMinutes(12), null), "no deadline");
        Assert.IsNull(ReleaseDeadline.InTime(BacktestVerdict.Passed, TimeSpan.FromMinutes(12), ThirtyMinutes));
    }

    [TestMethod]
    public void Words_AreTheFilesSyntax()
    {
        Assert.AreEqual("failed within 1h30m", ReleaseDeadline.Words(ExpectedVerdict.Failed, TimeSpan.FromMinutes(90)));
        Assert.AreEqual("not-passed", ReleaseDeadline.Words(ExpectedVerdict.NotPassed, null));
    }
}
