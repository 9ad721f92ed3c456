using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Support;

namespace DeployVerifier.Evaluation;

[TestClass]
public sealed class CheckTrackerTests
{
    private static CheckEvaluation At(int minute, EvaluationOutcome outcome, double? value = 1) =>
        new(Some.DeployedAt.AddMinutes(minute), outcome, value, null, outcome.ToString());

    [TestMethod]
    public void Record_FailuresWithinTolerance_DoNotFail()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0, tolerance: 2), 3);

        tracker.Record(At(1, EvaluationOutcome.Failed));
        tracker.Record(At(2, EvaluationOutcome.Failed));

        Assert.IsFalse(tracker.HasFailed);
    }

    [TestMethod]
    public void Record_OneFailureMoreThanTolerated_FailsAndKeepsWhenItStarted()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0, tolerance: 1), 3);

        tracker.Record(At(1, EvaluationOutcome.Passed));
        tracker.Record(At(2, EvaluationOutcome.Failed));
        tracker.Record(At(3, EvaluationOutcome.Failed));

        Assert.IsTrue(tracker.HasFailed);
        var result = tracker.Result(completed: false);
        Assert.AreEqual(CheckOutcome.Failed, result.Outcome);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(2), result.FirstFailureAt);
    }

    [TestMethod]
    public void Record_PassBetweenFailures_ResetsTheRun()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0, tolerance: 1), 3);

        tracker.Record(At(1, EvaluationOutcome.Failed));
        tracker.Record(At(2, EvaluationOutcome.Passed));
        tracker.Record(At(3, EvaluationOutcome.Failed));

        Assert.IsFalse(tracker.HasFailed);
    }

    [TestMethod]
    public void Record_ConsecutiveErrors_MakeTheCheckError()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0), 3);

        tracker.Record(At(1, EvaluationOutcome.Error, null));
        tracker.Record(At(2, EvaluationOutcome.Error, null));
        Assert.IsFalse(tracker.HasErrored);
        tracker.Record(At(3, EvaluationOutcome.Error, null));

        Assert.IsTrue(tracker.HasErrored);
        Assert.AreEqual(CheckOutcome.Error, tracker.Result(completed: false).Outcome);
    }

    [TestMethod]
    public void Result_NoDataAtTheEnd_IsInconclusive()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 1), 3);

        tracker.Record(At(1, EvaluationOutcome.Passed));
        tracker.Record(At(2, EvaluationOutcome.NoData, null));

        var result = tracker.Result(completed: true);
        Assert.AreEqual(CheckOutcome.Inconclusive, result.Outcome);
        StringAssert.Contains(result.Reason, "no data since");
    }

    [TestMethod]
    public void Result_FewerJudgedEvaluationsThanNeeded_IsInconclusive()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 1) with { Evidence = new EvidenceSettings(3, null, null) }, 3);

        tracker.Record(At(1, EvaluationOutcome.NotEnoughData, null));
        tracker.Record(At(2, EvaluationOutcome.Passed));

        Assert.AreEqual(CheckOutcome.Inconclusive, tracker.Result(completed: true).Outcome);
    }

    [TestMethod]
    public void Result_StillFailingWithinToleranceAtTheEnd_IsNotAPass()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0, tolerance: 3), 3);

        tracker.Record(At(1, EvaluationOutcome.Passed));
        tracker.Record(At(2, EvaluationOutcome.Failed));

        Assert.AreEqual(CheckOutcome.Inconclusive, tracker.Result(completed: true).Outcome);
    }

    [TestMethod]
    public void Result_AllPassed_PassesAndNamesTheWorstValue()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 1), 3);

        tracker.Record(At(1, EvaluationOutcome.Passed, 0.2));
        tracker.Record(At(2, EvaluationOutcome.Passed, 0.7));
        tracker.Record(At(3, EvaluationOutcome.Passed, 0.1));

        var result = tracker.Result(completed: true);
        Assert.AreEqual(CheckOutcome.Passed, result.Outcome);
        Assert.AreEqual(0.7, result.Worst!.Value);
        Assert.AreEqual(0.1, result.Last!.Value);
        Assert.AreEqual(3, result.Samples);
    }
}
