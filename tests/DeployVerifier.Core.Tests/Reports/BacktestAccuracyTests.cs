using DeployVerifier.Backtests;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Reports;

[TestClass]
public sealed class BacktestAccuracyTests
{
    private static BacktestRow Row(BacktestVerdict verdict, ExpectedVerdict? label, int position = 0) => BacktestTotalsTests.Row(verdict, label, position);

    [TestMethod]
    public void Figures_FromTheTable()
    {
        var accuracy = new BacktestAccuracy(new BacktestConfusion(Caught: 3, Missed: 1, FalseAlarms: 1, GoodPassed: 9), TimeToDetect.Of([]));

        Assert.AreEqual(0.75, accuracy.Precision);
        Assert.AreEqual(0.75, accuracy.Recall);
        Assert.AreEqual(0.1, accuracy.FalseAlarmRate);
        Assert.AreEqual(WilsonInterval.Of(1, 10), accuracy.FalseAlarmInterval);
    }

    [TestMethod]
    public void Figures_ZeroDenominators_AreNullWithAReason()
    {
        var accuracy = new BacktestAccuracy(BacktestConfusion.None, TimeToDetect.Of([]));

        Assert.IsNull(accuracy.Precision);
        Assert.IsNull(accuracy.Recall);
        Assert.IsNull(accuracy.FalseAlarmRate);
        Assert.IsNull(accuracy.FalseAlarmInterval);
        Assert.AreEqual("no labelled release was blocked", accuracy.Undefined("precision"));
        Assert.AreEqual("no release is labelled bad", accuracy.Undefined("recall"));
        Assert.AreEqual("no release is labelled good", accuracy.Undefined("falseAlarmRate"));
        StringAssert.Contains(BacktestAccuracyText.Figures(accuracy), "precision n/a (no labelled release was blocked)");
    }

    [TestMethod]
    public void Figures_NothingBlocked_PrecisionUndefinedRecallZero()
    {
        var accuracy = new BacktestAccuracy(new BacktestConfusion(0, 2, 0, 3), TimeToDetect.Of([]));

        Assert.IsNull(accuracy.Precision);
        Assert.AreEqual(0.0, accuracy.Recall);
        Assert.AreEqual(0.0, accuracy.FalseAlarmRate);
    }

    [TestMethod]
    // verdict, policy, blocks
    [DataRow(BacktestVerdict.Failed, InconclusivePolicy.Fail, true)]
    [DataRow(BacktestVerdict.Failed, InconclusivePolicy.Warn, true)]
    [DataRow(BacktestVerdict.Inconclusive, InconclusivePolicy.Fail, true)]
    [DataRow(BacktestVerdict.Inconclusive, InconclusivePolicy.Warn, false)]
    [DataRow(BacktestVerdict.Passed, InconclusivePolicy.Fail, false)]
    public void Blocks_FollowsTheInconclusivePolicy(BacktestVerdict verdict, InconclusivePolicy policy, bool blocks) =>
        Assert.AreEqual(blocks, BacktestAccuracyRules.Blocks(verdict, policy));

    [TestMethod]
    public void Confusion_InconclusiveGoodRelease_IsAFalseAlarmUnderFailAndAPassUnderWarn()
    {
        BacktestRow[] rows = [Row(BacktestVerdict.Inconclusive, ExpectedVerdict.Passed)];

        Assert.AreEqual(new BacktestConfusion(0, 0, 1, 0), BacktestAccuracyRules.Confusion(rows, InconclusivePolicy.Fail));
        Assert.AreEqual(new BacktestConfusion(0, 0, 0, 1), BacktestAccuracyRules.Confusion(rows, InconclusivePolicy.Warn));
    }

    [TestMethod]
    public void Confusion_NotPassedLabelsAreBad_UnlabelledAndNotFinishedAreNotCounted()
    {
        BacktestRow[] rows =
        [
            Row(BacktestVerdict.Failed, ExpectedVerdict.NotPassed, 0),
            Row(BacktestVerdict.Passed, ExpectedVerdict.NotPassed, 1),
            Row(BacktestVerdict.Failed, ExpectedVerdict.Failed, 2),
            Row(BacktestVerdict.Failed, null, 3),
            Row(BacktestVerdict.Passed, null, 4),
            Row(BacktestVerdict.NotFinished, ExpectedVerdict.Passed, 5),
            Row(BacktestVerdict.Failed, ExpectedVerdict.NotPassed, 6) with { RolledBackByVerifier = true },
        ];

        var table = BacktestAccuracyRules.Confusion(rows, InconclusivePolicy.Fail);

        Assert.AreEqual(new BacktestConfusion(Caught: 2, Missed: 1, FalseAlarms: 0, GoodPassed: 0), table);
    }

    [TestMethod]
    public void Confusion_ABadReleaseBlockedAfterItsDeadline_IsMissed_AndTheTallyAgrees()
    {
        // Every row is decided 5 min after its start.
        BacktestRow[] rows =
        [
            Row(BacktestVerdict.Failed, ExpectedVerdict.Failed, 0) with { Deadline = TimeSpan.FromMinutes(3) },
            Row(BacktestVerdict.Failed, ExpectedVerdict.Failed, 1) with { Deadline = TimeSpan.FromMinutes(5) },
            Row(BacktestVerdict.Inconclusive, ExpectedVerdict.NotPassed, 2) with { Deadline = TimeSpan.FromMinutes(3) },
            Row(BacktestVerdict.Passed, ExpectedVerdict.Passed, 3),
        ];

        var totals = BacktestTotals.Of(rows);

        Assert.AreEqual(new BacktestConfusion(Caught: 1, Missed: 2, FalseAlarms: 0, GoodPassed: 1), totals.Confusion);
        Assert.AreEqual(1, totals.BadCaught);
        Assert.AreEqual(2, totals.BadMissed);
        Assert.AreEqual(2, totals.Disagreeing);
        Assert.IsTrue(totals.NeedsAttention, "a late catch disagrees: exit code 1");
        Assert.IsFalse(BacktestAccuracyRules.BlocksInTime(rows[0], InconclusivePolicy.Fail));
        Assert.IsTrue(BacktestAccuracyRules.BlocksInTime(rows[1], InconclusivePolicy.Fail), "at the deadline is in time");
        Assert.AreEqual("failed at +5m, after its 3m deadline", rows[0].Late);
        Assert.AreEqual("failed within 3m", rows[0].ExpectedWords);
    }

    [TestMethod]
    public void Totals_OneCountTwoViews_TheTallyAndTheTableAgreeWithoutInconclusiveReleases()
    {
        BacktestRow[] rows =
        [
            Row(BacktestVerdict.Failed, ExpectedVerdict.Failed, 0),
            Row(BacktestVerdict.Passed, ExpectedVerdict.NotPassed, 1),
            Row(BacktestVerdict.Failed, ExpectedVerdict.Passed, 2),
            Row(BacktestVerdict.Passed, ExpectedVerdict.Passed, 3),
            Row(BacktestVerdict.Passed, ExpectedVerdict.Passed, 4),
            Row(BacktestVerdict.Failed, null, 5),
        ];

        var totals = BacktestTotals.Of(rows);

        Assert.AreEqual(totals.BadCaught, totals.Confusion.Caught);
        Assert.AreEqual(totals.BadMissed, totals.Confusion.Missed);
        Assert.AreEqual(totals.GoodBlocked, totals.Confusion.FalseAlarms);
        Assert.AreEqual(totals.Expected, totals.Confusion.Labelled);
    }

    [TestMethod]
    public void Totals_OneCountTwoViews_AnInconclusiveReleaseExpectedFailedDisagreesButWasBlocked()
    {
        BacktestRow[] rows = [Row(BacktestVerdict.Inconclusive, ExpectedVerdict.Failed, 0)];

        var fail = BacktestTotals.Of(rows, InconclusivePolicy.Fail);
        var warn = BacktestTotals.Of(rows, InconclusivePolicy.Warn);

        Assert.AreEqual(1, fail.BadMissed, "the words: it disagrees");
        Assert.AreEqual(1, fail.Confusion.Caught, "the pipeline: it stopped");
        Assert.AreEqual(1, warn.Confusion.Missed);
    }
}
