using DeployVerifier.Checklists;
using DeployVerifier.Support;

namespace DeployVerifier.Evaluation;

[TestClass]
public sealed class RedundancyEvaluatorTests
{
    private static readonly DateTimeOffset Time = Some.DeployedAt.AddMinutes(10);

    /// <summary>Pods with their CPU use and limit, started at the deploy, the fleet stable since <paramref name="stableSince"/> (default: long enough).</summary>
    private static CheckMeasurement Fleet(DateTimeOffset? stableSince, params (double Load, double Capacity)[] pods) =>
        new(Time, pods.Select((p, n) => new SeriesMeasurement(Some.Pod($"checkout-abc-{n}"), p.Load, Some.DeployedAt, Limit: p.Capacity)).ToList(),
            FleetStableSince: stableSince ?? Time - TimeSpan.FromMinutes(3));

    [TestMethod]
    public void Evaluate_SurvivorsOverMaxUtilization_FailsInPlainWords()
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Redundancy(), Fleet(null, (0.73, 1), (0.73, 1), (0.73, 1)));

        Assert.AreEqual(EvaluationOutcome.Failed, evaluation.Outcome, evaluation.Reason);
        Assert.AreEqual("3 pods at 73% of 1; if one is lost the other 2 need 110%: the fleet can't lose a pod", evaluation.Reason);
        Assert.AreEqual(1.095, evaluation.Value!.Value, 1e-9);
        Assert.AreEqual(0.9, evaluation.EffectiveMax);
        Assert.HasCount(3, evaluation.SeriesValues!);
    }

    [TestMethod]
    public void Evaluate_BusyButRedundant_Passes()
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Redundancy(), Fleet(null, (0.53, 1), (0.55, 1), (0.51, 1)));

        Assert.AreEqual(EvaluationOutcome.Passed, evaluation.Outcome, evaluation.Reason);
        StringAssert.Contains(evaluation.Reason, "within 90%");
    }

    [TestMethod]
    public void Evaluate_UnevenLoadsAndDifferingCapacities_NamesTheSurvivorThatCantCarryIt()
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Redundancy(), Fleet(null, (0.5, 2), (1.2, 2), (0.5, 1)));

        Assert.AreEqual(EvaluationOutcome.Failed, evaluation.Outcome, evaluation.Reason);
        StringAssert.Contains(evaluation.Reason, "3 pods at 25% to 60% of 1 to 2; if one is lost the other 2 need up to 110% (checkout-abc-2)");
        Assert.AreEqual("checkout-abc-2", evaluation.Series!["pod"]);
    }

    [TestMethod]
    public void Evaluate_SpareTwo_JudgesTheLossOfTheTwoBusiest()
    {
        var measurement = Fleet(null, (0.4, 1), (0.4, 1), (0.4, 1), (0.4, 1));

        var one = CheckEvaluator.Evaluate(Some.Redundancy(spare: 1), measurement);
        var two = CheckEvaluator.Evaluate(Some.Redundancy(spare: 2), measurement);

        Assert.AreEqual(EvaluationOutcome.Passed, one.Outcome, one.Reason);
        Assert.AreEqual(EvaluationOutcome.Passed, two.Outcome, two.Reason);
        Assert.AreEqual(0.8, two.Value!.Value, 1e-9);
        StringAssert.Contains(two.Reason, "if the 2 busiest are lost the other 2 need 80%");
        Assert.AreEqual(EvaluationOutcome.Failed, CheckEvaluator.Evaluate(Some.Redundancy(spare: 2, maxUtilization: 0.75), measurement).Outcome);
    }

    [TestMethod]
    [DataRow(1, 1, "a fleet of 1 can't lose 1: it needs at least 2 pods")]
    [DataRow(2, 2, "a fleet of 2 can't lose 2: it needs at least 3 pods")]
    public void Evaluate_FleetNoBiggerThanSpare_Fails(int pods, int spare, string reason)
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Redundancy(spare: spare), Fleet(null, Enumerable.Repeat((0.1, 1.0), pods).ToArray()));

        Assert.AreEqual(EvaluationOutcome.Failed, evaluation.Outcome);
        Assert.AreEqual(reason, evaluation.Reason);
    }

    [TestMethod]
    public void Evaluate_RolloutInProgress_IsNotJudgedAndCountsAsTheLeadIn()
    {
        // A third pod joined a minute ago: however loaded the fleet, it is not judged until stable for 3 minutes.
        var measurement = new CheckMeasurement(Time,
        [
            new SeriesMeasurement(Some.Pod("checkout-abc-0"), 0.9, Some.DeployedAt, Limit: 1),
            new SeriesMeasurement(Some.Pod("checkout-abc-1"), 0.9, Some.DeployedAt, Limit: 1),
            new SeriesMeasurement(Some.Pod("checkout-abc-2"), 0.1, Time.AddMinutes(-1), Limit: 1),
        ], FleetStableSince: Time.AddMinutes(-1));

        var evaluation = CheckEvaluator.Evaluate(Some.Redundancy(), measurement);

        Assert.AreEqual(EvaluationOutcome.NotEnoughData, evaluation.Outcome, evaluation.Reason);
        Assert.IsTrue(evaluation.WarmingUp);
        StringAssert.Contains(evaluation.Reason, "the fleet changed at 13:54:00 UTC (3 pods now); judged once it has been stable 3m");
    }

    [TestMethod]
    public void Evaluate_InstanceLostMidSoak_IsAGapNotTheLeadIn()
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Redundancy(), Fleet(Time.AddMinutes(-1), (0.3, 1), (0.3, 1)));

        Assert.AreEqual(EvaluationOutcome.NotEnoughData, evaluation.Outcome);
        Assert.IsFalse(evaluation.WarmingUp);
    }

    [TestMethod]
    [DataRow(double.NaN, 1.0, "no load value")]
    [DataRow(0.5, double.NaN, "no capacity")]
    [DataRow(0.5, 0.0, "no capacity")]
    public void Evaluate_InstanceWithoutLoadOrCapacity_IsNotJudged(double load, double capacity, string reason)
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Redundancy(), Fleet(null, (0.3, 1), (load, capacity)));

        Assert.AreEqual(EvaluationOutcome.NotEnoughData, evaluation.Outcome);
        StringAssert.Contains(evaluation.Reason, reason);
    }
}
