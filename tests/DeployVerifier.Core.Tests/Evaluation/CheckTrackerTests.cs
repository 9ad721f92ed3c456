using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Metrics;
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
    public void Record_WarnSeverityFailing_FailsTheCheckButNeverStopsTheSoak()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0, tolerance: 1) with { Severity = CheckSeverity.Warn }, 3);

        tracker.Record(At(1, EvaluationOutcome.Failed));
        tracker.Record(At(2, EvaluationOutcome.Failed));
        tracker.Record(At(3, EvaluationOutcome.Passed));

        Assert.IsFalse(tracker.HasFailed);
        var result = tracker.Result(completed: true);
        Assert.AreEqual(CheckOutcome.Failed, result.Outcome);
        Assert.AreEqual(DecisionRule.Tolerance, result.DecidedBy);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(1), result.FirstFailureAt);
    }

    [TestMethod]
    public void Record_WarnSeverityWithoutAnswers_ErrorsWithoutStoppingTheSoak()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0) with { Severity = CheckSeverity.Warn }, 2);

        tracker.Record(At(1, EvaluationOutcome.Error, null));
        tracker.Record(At(2, EvaluationOutcome.Error, null));

        Assert.IsFalse(tracker.HasErrored);
        Assert.AreEqual(CheckOutcome.Error, tracker.Result(completed: true).Outcome);
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

    /// <summary>Drives the evaluator and the tracker over a 30-minute soak every 30 s, as the runner does.</summary>
    private static CheckTracker Soak(CheckDefinition check, Func<TimeSpan, IReadOnlyList<SeriesMeasurement>> series)
    {
        var tracker = new CheckTracker(check, 3);
        for (var t = TimeSpan.FromMinutes(1); t <= TimeSpan.FromMinutes(30) && !tracker.HasFailed; t += TimeSpan.FromSeconds(30))
        {
            tracker.Record(CheckEvaluator.Evaluate(check, new CheckMeasurement(Some.DeployedAt + t, series(t))));
        }

        return tracker;
    }

    /// <summary>5 % for 180 s, then 0.2 % for 30 s, over and over: never 7 failures in a row at 30 s.</summary>
    private static IReadOnlyList<SeriesMeasurement> Flapping(TimeSpan sinceDeploy) =>
        [new(Labels.Empty, (sinceDeploy.TotalSeconds + 60) % 210 < 180 ? 0.05 : 0.002, Some.DeployedAt)];

    [TestMethod]
    public void Record_FlappingWithinTolerance_FailsByBudget()
    {
        var tracker = Soak(Some.Threshold(max: 0.01, tolerance: 6), Flapping);

        var result = tracker.Result(completed: false);
        Assert.AreEqual(CheckOutcome.Failed, result.Outcome, result.Reason);
        Assert.AreEqual(DecisionRule.Budget, result.DecidedBy);
        Assert.AreEqual(10, result.Counts.Judged, "decided as soon as the budget applies");
        StringAssert.Contains(result.Reason, "failing 8 of 10 judged evaluations, over its 50% budget; last failure: 5% is above the maximum 1%");
        Assert.AreEqual(Some.DeployedAt.AddMinutes(1), result.FirstFailureAt);
    }

    [TestMethod]
    public void Record_FlappingWithoutABudget_PassedOnToleranceAlone()
    {
        var tracker = Soak(Some.Threshold(max: 0.01, tolerance: 6) with { Budget = null }, Flapping);

        Assert.AreEqual(CheckOutcome.Passed, tracker.Result(completed: true).Outcome, "what the budget is there for");
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(6)]
    public void Record_SingleBlipWithinTolerance_Passes(int failures)
    {
        var blipFrom = TimeSpan.FromMinutes(10);
        var tracker = Soak(Some.Threshold(max: 0.01, tolerance: 6), t =>
            [new(Labels.Empty, t >= blipFrom && t < blipFrom + TimeSpan.FromSeconds(30 * failures) ? 0.05 : 0.002, Some.DeployedAt)]);

        var result = tracker.Result(completed: true);
        Assert.AreEqual(CheckOutcome.Passed, result.Outcome, result.Reason);
        Assert.IsNull(result.DecidedBy);
        Assert.AreEqual(failures, result.Counts.Failed);
    }

    [TestMethod]
    [DataRow(9, false)]
    [DataRow(10, true)]
    public void Record_BudgetBeforeMinEvaluations_DoesNotDecide(int failures, bool failed)
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0, tolerance: 100), 3);

        for (var i = 0; i < failures; i++)
        {
            tracker.Record(At(i, EvaluationOutcome.Failed));
        }

        Assert.AreEqual(failed, tracker.HasFailed);
    }

    [TestMethod]
    [DataRow(5, 5, false, DisplayName = "half is within 50%")]
    [DataRow(6, 5, true, DisplayName = "6 of 11 is over 50%")]
    public void Record_ShareOfJudged_DecidesTheBudget(int failures, int passes, bool failed)
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0, tolerance: 100), 3);

        for (var i = 0; i < passes; i++)
        {
            tracker.Record(At(i, EvaluationOutcome.Passed));
        }

        for (var i = 0; i < failures; i++)
        {
            tracker.Record(At(passes + i, EvaluationOutcome.Failed));
        }

        Assert.AreEqual(failed, tracker.HasFailed);
        Assert.AreEqual(failed ? DecisionRule.Budget : null, tracker.Result(completed: false).DecidedBy);
    }

    [TestMethod]
    public void Record_NotEnoughDataAndNoAnswers_DoNotCountTowardsTheBudget()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0, tolerance: 100), 5);

        for (var i = 0; i < 4; i++)
        {
            tracker.Record(At(i, EvaluationOutcome.Failed));
        }

        for (var i = 4; i < 30; i++)
        {
            tracker.Record(At(i, i % 3 == 0 ? EvaluationOutcome.Error : i % 3 == 1 ? EvaluationOutcome.NoData : EvaluationOutcome.NotEnoughData, null));
        }

        Assert.IsFalse(tracker.HasFailed, "4 judged evaluations: the budget needs 10");
    }

    [TestMethod]
    public void Record_MoreFailuresThanTheFailureLimit_FailsAtTheNextFailure()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0, tolerance: 5) with { FailureLimit = 3, Budget = null }, 3);

        foreach (var (minute, outcome) in new[] { (1, EvaluationOutcome.Failed), (2, EvaluationOutcome.Passed), (3, EvaluationOutcome.Failed),
            (4, EvaluationOutcome.Passed), (5, EvaluationOutcome.Failed), (6, EvaluationOutcome.Passed) })
        {
            tracker.Record(At(minute, outcome));
        }

        Assert.IsFalse(tracker.HasFailed, "3 failures are within a failureLimit of 3");
        tracker.Record(At(7, EvaluationOutcome.Failed));

        var result = tracker.Result(completed: false);
        Assert.AreEqual(CheckOutcome.Failed, result.Outcome);
        Assert.AreEqual(DecisionRule.FailureLimit, result.DecidedBy);
        StringAssert.StartsWith(result.Reason, "4 evaluations failed, more than its failureLimit of 3");
        Assert.AreEqual(Some.DeployedAt.AddMinutes(1), result.FirstFailureAt);
    }

    [TestMethod]
    [DataRow(CheckKind.Threshold, DecisionRule.Tolerance)]
    [DataRow(CheckKind.Trend, DecisionRule.Trend)]
    public void Record_FailuresInARow_AreDecidedByToleranceOrTheTrendTest(CheckKind kind, string rule)
    {
        var check = kind == CheckKind.Trend ? Some.Trend(tolerance: 1) : Some.Threshold(max: 0, tolerance: 1);
        var tracker = new CheckTracker(check, 3);

        tracker.Record(At(1, EvaluationOutcome.Failed));
        tracker.Record(At(2, EvaluationOutcome.Failed));

        Assert.AreEqual(rule, tracker.Result(completed: false).DecidedBy);
    }

    [TestMethod]
    public void Record_TrendCheckFailingHalfTheTime_HasNoBudgetByDefault()
    {
        var tracker = new CheckTracker(Some.Trend(tolerance: 2), 3);

        for (var i = 0; i < 30; i++)
        {
            tracker.Record(At(i, i % 3 == 2 ? EvaluationOutcome.Passed : EvaluationOutcome.Failed));
        }

        Assert.IsNull(Some.Trend().Budget);
        Assert.IsFalse(tracker.HasFailed);
    }

    [TestMethod]
    public void Result_NineOfTenEmptyThenOnePass_IsNotPassed()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 1), 3);

        for (var i = 0; i < 9; i++)
        {
            tracker.Record(At(i, EvaluationOutcome.NoData, null));
        }

        tracker.Record(At(9, EvaluationOutcome.Passed));

        var result = tracker.Result(completed: true);
        Assert.AreEqual(CheckOutcome.Inconclusive, result.Outcome);
        StringAssert.StartsWith(result.Reason, "too little data to pass: no data in 9 of 10 evaluations");
    }

    [TestMethod]
    [DataRow(5, CheckOutcome.Passed, DisplayName = "half judged")]
    [DataRow(4, CheckOutcome.Inconclusive, DisplayName = "under half judged")]
    public void Result_HalfTheEvaluationsJudged_IsEnoughToPass(int judged, CheckOutcome expected)
    {
        var tracker = new CheckTracker(Some.Threshold(max: 1), 3);

        for (var i = 0; i < 10 - judged; i++)
        {
            tracker.Record(At(i, EvaluationOutcome.NotEnoughData, null));
        }

        for (var i = 10 - judged; i < 10; i++)
        {
            tracker.Record(At(i, EvaluationOutcome.Passed));
        }

        Assert.AreEqual(expected, tracker.Result(completed: true).Outcome);
    }

    [TestMethod]
    public void Result_TheCheckWarmingUp_DoesNotCountAsAGap()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 1), 3);

        for (var i = 0; i < 8; i++)
        {
            tracker.Record(At(i, EvaluationOutcome.NotEnoughData, null) with { WarmingUp = true });
        }

        tracker.Record(At(8, EvaluationOutcome.Passed));
        tracker.Record(At(9, EvaluationOutcome.Passed));

        Assert.AreEqual(CheckOutcome.Passed, tracker.Result(completed: true).Outcome);
    }

    [TestMethod]
    [DataRow(3, CheckOutcome.Passed)]
    [DataRow(4, CheckOutcome.Inconclusive)]
    public void Result_UnjudgedEvaluationsAtTheEnd_AreAllowedForAFewIntervals(int atTheEnd, CheckOutcome expected)
    {
        var tracker = new CheckTracker(Some.Threshold(max: 1), 3);

        for (var i = 0; i < 20; i++)
        {
            tracker.Record(At(i, EvaluationOutcome.Passed));
        }

        for (var i = 20; i < 20 + atTheEnd; i++)
        {
            tracker.Record(At(i, EvaluationOutcome.NotEnoughData, null));
        }

        var result = tracker.Result(completed: true);
        Assert.AreEqual(expected, result.Outcome, result.Reason);
        if (expected == CheckOutcome.Inconclusive)
        {
            StringAssert.StartsWith(result.Reason, $"nothing judged in the last {atTheEnd} evaluations");
        }
    }

    [TestMethod]
    public void Result_Counts_AddUpToEveryEvaluation()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 1, tolerance: 5), 5);
        var outcomes = new[]
        {
            EvaluationOutcome.Passed, EvaluationOutcome.Failed, EvaluationOutcome.Error, EvaluationOutcome.NoData, EvaluationOutcome.NotEnoughData,
            EvaluationOutcome.Passed, EvaluationOutcome.Error, EvaluationOutcome.Passed,
        };

        for (var i = 0; i < outcomes.Length; i++)
        {
            tracker.Record(At(i, outcomes[i]));
        }

        var result = tracker.Result(completed: true);
        Assert.AreEqual(new EvaluationCounts(3, 1, 2, 2), result.Counts);
        Assert.AreEqual(outcomes.Length, result.Counts.Total);
    }

    private static readonly Labels Healthy = Some.Pod("checkout-abc-q2z9w");
    private static readonly Labels Dead = Some.Pod("checkout-abc-x8k2p");

    [TestMethod]
    [DataRow(NoDataPolicy.Inconclusive, CheckOutcome.Inconclusive)]
    [DataRow(NoDataPolicy.Pass, CheckOutcome.Passed)]
    [DataRow(NoDataPolicy.Fail, CheckOutcome.Failed)]
    public void Result_PerSeriesWithADeadPodsNaNSeries_NamesItAsTheNoDataPolicySays(NoDataPolicy policy, CheckOutcome expected)
    {
        var check = Some.Threshold(max: 0.01) with { PerSeries = true, NoData = policy };

        var tracker = Soak(check, _ => [new(Healthy, 0.001, Some.DeployedAt), new(Dead, double.NaN, Some.DeployedAt)]);

        var result = tracker.Result(completed: true);
        Assert.AreEqual(expected, result.Outcome, result.Reason);
        StringAssert.Contains(result.Reason, "checkout-abc-x8k2p was never judged over the soak (last: checkout-abc-x8k2p: the value is NaN");
        Assert.AreEqual(policy == NoDataPolicy.Fail ? DecisionRule.NoData : null, result.DecidedBy);
    }

    [TestMethod]
    public void Result_PerSeriesPodGoneBeforeItCouldBeJudged_IsNamed()
    {
        var check = Some.Threshold(max: 0.01) with { PerSeries = true, MinSeriesAge = TimeSpan.FromMinutes(5) };

        var tracker = Soak(check, t => t < TimeSpan.FromMinutes(3)
            ? [new(Healthy, 0.001, Some.DeployedAt), new(Dead, 0.001, Some.DeployedAt)]
            : [new(Healthy, 0.001, Some.DeployedAt)]);

        var result = tracker.Result(completed: true);
        Assert.AreEqual(CheckOutcome.Inconclusive, result.Outcome, result.Reason);
        StringAssert.Contains(result.Reason, "checkout-abc-x8k2p was never judged over the soak (last: gone after 13:47:30 UTC before it could be judged)");
    }

    [TestMethod]
    public void Result_PerSeriesPodStillYoungAtTheEnd_IsNotHeldAgainstThePass()
    {
        var check = Some.Threshold(max: 0.01) with { PerSeries = true, MinSeriesAge = TimeSpan.FromMinutes(5) };
        var lateStart = Some.DeployedAt.AddMinutes(27);

        var tracker = Soak(check, t => Some.DeployedAt + t < lateStart
            ? [new(Healthy, 0.001, Some.DeployedAt)]
            : [new(Healthy, 0.001, Some.DeployedAt), new(Dead, 0.001, lateStart)]);

        var result = tracker.Result(completed: true);
        Assert.AreEqual(CheckOutcome.Passed, result.Outcome, result.Reason);
    }

    [TestMethod]
    public void Result_PerSeriesNaNAtFirstThenJudged_IsNotNamed()
    {
        var check = Some.Threshold(max: 0.01) with { PerSeries = true };

        var tracker = Soak(check, t => [new(Healthy, 0.001, Some.DeployedAt), new(Dead, t < TimeSpan.FromMinutes(5) ? double.NaN : 0.002, Some.DeployedAt)]);

        Assert.AreEqual(CheckOutcome.Passed, tracker.Result(completed: true).Outcome);
    }

    [TestMethod]
    public void Standing_FailingCheck_SaysHowCloseItIsToFailingTheRelease()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0.01, tolerance: 6), 3);
        var at = Some.DeployedAt;
        for (var k = 0; k < 10; k++)
        {
            var failing = k >= 7;
            tracker.Record(new CheckEvaluation(at.AddSeconds(30 * k), failing ? EvaluationOutcome.Failed : EvaluationOutcome.Passed, failing ? 0.05 : 0.001,
                null, failing ? "5% is above the maximum 1%" : "0.1%, within 1%"));
        }

        Assert.AreEqual("failing 3 in a row, fails at 7; 3 of 10 judged evaluations failed, fails over 50%", tracker.Standing!.Describe());
    }

    [TestMethod]
    public void Standing_Passing_IsNull()
    {
        var tracker = new CheckTracker(Some.Threshold(max: 0.01), 3);
        tracker.Record(new CheckEvaluation(Some.DeployedAt, EvaluationOutcome.Passed, 0.001, null, "fine"));

        Assert.IsNull(tracker.Standing!.Describe());
    }
}
