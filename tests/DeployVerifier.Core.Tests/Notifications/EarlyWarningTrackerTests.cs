using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Support;

namespace DeployVerifier.Notifications;

[TestClass]
public sealed class EarlyWarningTrackerTests
{
    private static CheckEvaluation At(int minute, EvaluationOutcome outcome, Forecast? forecast = null) =>
        new(Some.DeployedAt.AddMinutes(minute), outcome, 5, null, outcome == EvaluationOutcome.Failed ? "5 above 1" : "fine", Forecast: forecast);

    [TestMethod]
    [DataRow(0, 1, DisplayName = "tolerance 0: at the first failure, which is the verdict")]
    [DataRow(1, 1)]
    [DataRow(4, 2)]
    [DataRow(6, 3)]
    public void Observe_FailingInARow_WarnsAtHalfTheTolerance(int tolerance, int warnsAt)
    {
        var tracker = new EarlyWarningTracker([Some.Threshold(max: 1, tolerance: tolerance) with { Budget = null }]);

        var first = Enumerable.Range(1, 10).First(i => tracker.Observe([("errors", At(i, EvaluationOutcome.Failed))]).Count > 0);

        Assert.AreEqual(warnsAt, first);
    }

    [TestMethod]
    public void Observe_CheckRecovers_NoLongerWarns()
    {
        var tracker = new EarlyWarningTracker([Some.Threshold(max: 1)]);
        Assert.HasCount(1, tracker.Observe([("errors", At(1, EvaluationOutcome.Failed))]));

        Assert.IsEmpty(tracker.Observe([("errors", At(2, EvaluationOutcome.Passed))]));
    }

    [TestMethod]
    public void Observe_SameEvaluationTwice_CountsItOnce()
    {
        var tracker = new EarlyWarningTracker([Some.Threshold(max: 1, tolerance: 4) with { Budget = null }]);
        tracker.Observe([("errors", At(1, EvaluationOutcome.Failed))]);

        Assert.IsEmpty(tracker.Observe([("errors", At(1, EvaluationOutcome.Failed))]));
    }

    [TestMethod]
    public void Observe_TrendForecastFailingButUndecided_Warns()
    {
        var tracker = new EarlyWarningTracker([Some.Trend()]);
        var forecast = new Forecast(1000, 700, 1024, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(12), true, null);

        var warnings = tracker.Observe([("memory-leak", At(1, EvaluationOutcome.NotEnoughData, forecast))]);

        Assert.HasCount(1, warnings);
        StringAssert.Contains(warnings[0].Reason, "forecast");
        Assert.AreSame(forecast, warnings[0].Forecast);
    }

    [TestMethod]
    public void Observe_Passing_NoWarning()
    {
        var tracker = new EarlyWarningTracker([Some.Threshold(max: 1)]);

        Assert.IsEmpty(tracker.Observe([("errors", At(1, EvaluationOutcome.Passed))]));
    }
}
