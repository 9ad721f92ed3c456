using DeployVerifier.Backtests;

namespace DeployVerifier.Reports;

[TestClass]
public sealed class BacktestTotalsTests
{
    private static readonly DateTimeOffset T = new(2024, 8, 12, 8, 0, 0, TimeSpan.Zero);

    internal static BacktestRow Row(BacktestVerdict verdict, ExpectedVerdict? expected, int position = 0) =>
        new(position, $"r{position}", $"r{position}", T.AddHours(position), verdict, verdict == BacktestVerdict.NotFinished ? null : T.AddHours(position).AddMinutes(5),
            "why", verdict == BacktestVerdict.Failed ? "errors" : null, null, expected, false, null)
        {
            Sections = () => "",
        };

    [TestMethod]
    // expected, got, caught, missed, blocked
    [DataRow(ExpectedVerdict.NotPassed, BacktestVerdict.Inconclusive, 1, 0, 0)]
    [DataRow(ExpectedVerdict.NotPassed, BacktestVerdict.Failed, 1, 0, 0)]
    [DataRow(ExpectedVerdict.NotPassed, BacktestVerdict.Passed, 0, 1, 0)]
    [DataRow(ExpectedVerdict.Failed, BacktestVerdict.Failed, 1, 0, 0)]
    [DataRow(ExpectedVerdict.Failed, BacktestVerdict.Inconclusive, 0, 1, 0)]
    [DataRow(ExpectedVerdict.Failed, BacktestVerdict.Passed, 0, 1, 0)]
    [DataRow(ExpectedVerdict.Failed, BacktestVerdict.NotFinished, 0, 0, 0)]
    [DataRow(ExpectedVerdict.Passed, BacktestVerdict.Failed, 0, 0, 1)]
    [DataRow(ExpectedVerdict.Passed, BacktestVerdict.Passed, 0, 0, 0)]
    public void Of_Expectation_CaughtAndMissedFollowTheRowsAgreement(ExpectedVerdict expected, BacktestVerdict verdict, int caught, int missed, int blocked)
    {
        var row = Row(verdict, expected);

        var totals = BacktestTotals.Of([row]);

        Assert.AreEqual(caught, totals.BadCaught, $"agrees: {!row.Disagrees}");
        Assert.AreEqual(missed, totals.BadMissed, $"agrees: {!row.Disagrees}");
        Assert.AreEqual(blocked, totals.GoodBlocked);
        if (expected != ExpectedVerdict.Passed && verdict != BacktestVerdict.NotFinished)
        {
            Assert.AreEqual(row.Disagrees ? 1 : 0, totals.BadMissed, "a missed bad release is a row that disagrees, and only that");
        }
    }

    [TestMethod]
    public void Of_FailureWithoutExpectation_NeedsAttention()
    {
        var totals = BacktestTotals.Of([Row(BacktestVerdict.Passed, null, 0), Row(BacktestVerdict.Failed, null, 1)]);

        Assert.AreEqual(1, totals.FailedUnexpected);
        Assert.AreEqual(0, totals.Disagreeing);
        Assert.IsTrue(totals.NeedsAttention);
    }

    [TestMethod]
    public void Of_EveryExpectationHoldsAndNoOtherFailure_NeedsNoAttention()
    {
        var totals = BacktestTotals.Of([Row(BacktestVerdict.Inconclusive, ExpectedVerdict.NotPassed, 0), Row(BacktestVerdict.Passed, null, 1)]);

        Assert.AreEqual(0, totals.FailedUnexpected);
        Assert.AreEqual(1, totals.BadCaught);
        Assert.IsFalse(totals.NeedsAttention);
    }
}
