using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Support;

namespace DeployVerifier.Notifications;

/// <summary>Early warnings read from where a check stands, as the soak's own <see cref="CheckTracker"/> counts it.</summary>
[TestClass]
public sealed class EarlyWarningTests
{
    private static CheckEvaluation At(int minute, EvaluationOutcome outcome, Forecast? forecast = null) =>
        new(Some.DeployedAt.AddMinutes(minute), outcome, 5, null, outcome == EvaluationOutcome.Failed ? "5 above 1" : "fine", Forecast: forecast);

    private static CheckWarning? After(CheckDefinition check, params EvaluationOutcome[] outcomes)
    {
        var tracker = new CheckTracker(check, 3);
        for (var i = 0; i < outcomes.Length; i++)
        {
            tracker.Record(At(i + 1, outcomes[i]));
        }

        return EarlyWarning.Of(tracker.Standing!);
    }

    [TestMethod]
    [DataRow(0, 1, DisplayName = "tolerance 0: at the first failure, which is the verdict")]
    [DataRow(1, 1)]
    [DataRow(4, 2)]
    [DataRow(6, 3)]
    public void Of_FailingInARow_WarnsAtHalfTheTolerance(int tolerance, int warnsAt)
    {
        var check = Some.Threshold(max: 1, tolerance: tolerance) with { Budget = null };

        var first = Enumerable.Range(1, 10).First(n => After(check, [.. Enumerable.Repeat(EvaluationOutcome.Failed, n)]) is not null);

        Assert.AreEqual(warnsAt, first);
    }

    [TestMethod]
    public void Of_NotEnoughDataBetweenFailures_NeitherBreaksNorExtendsTheRun()
    {
        var check = Some.Threshold(max: 1, tolerance: 4) with { Budget = null };

        var warning = After(check, EvaluationOutcome.Failed, EvaluationOutcome.NotEnoughData, EvaluationOutcome.Failed);

        Assert.IsNotNull(warning);
        StringAssert.Contains(warning.Reason, "2 failing in a row of 4 tolerated");
    }

    [TestMethod]
    public void Of_CheckRecovers_NoLongerWarns()
    {
        Assert.IsNotNull(After(Some.Threshold(max: 1), EvaluationOutcome.Failed));

        Assert.IsNull(After(Some.Threshold(max: 1), EvaluationOutcome.Failed, EvaluationOutcome.Passed));
    }

    [TestMethod]
    public void Of_HalfTheBudgetUsed_Warns()
    {
        var check = Some.Threshold(max: 1, tolerance: 100) with { Budget = new FailureBudget(0.5, 4) };

        var warning = After(check, EvaluationOutcome.Failed, EvaluationOutcome.Passed, EvaluationOutcome.Passed, EvaluationOutcome.Failed);

        Assert.IsNotNull(warning);
        StringAssert.Contains(warning.Reason, "2 of 4 evaluations failing, half the budget of 50");
    }

    [TestMethod]
    public void Of_TrendForecastFailingButUndecided_Warns()
    {
        var tracker = new CheckTracker(Some.Trend(), 3);
        var forecast = new Forecast(1000, 700, 1024, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(12), true, null);
        tracker.Record(At(1, EvaluationOutcome.NotEnoughData, forecast));

        var warnings = EarlyWarning.In([tracker.Standing!]);

        Assert.HasCount(1, warnings);
        StringAssert.Contains(warnings[0].Reason, "forecast");
        Assert.AreSame(forecast, warnings[0].Forecast);
    }

    [TestMethod]
    public void Of_Passing_NoWarning()
    {
        Assert.IsNull(After(Some.Threshold(max: 1), EvaluationOutcome.Passed));
    }
}
