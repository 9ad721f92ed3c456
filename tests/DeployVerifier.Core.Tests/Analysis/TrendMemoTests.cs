using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

[TestClass]
public sealed class TrendMemoTests
{
    private static CheckMeasurement Leaking()
    {
        var history = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(15), leakMiBPerMinute: 30);
        return new CheckMeasurement(history[^1].Time,
        [
            new SeriesMeasurement(Some.Pod("checkout-abc-x8k2p"), history[^1].Value, Some.DeployedAt, Limit: 1024 * Some.MiB, History: history),
            new SeriesMeasurement(Some.Pod("checkout-abc-healthy"), 420 * Some.MiB, Some.DeployedAt, Limit: 1024 * Some.MiB,
                History: Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(15))),
        ]);
    }

    [TestMethod]
    public void EachLookIsFittedOnceWhateverTheHorizon()
    {
        var memo = new TrendMemo();
        var measurement = Leaking();
        var check = Some.Trend();

        var first = CheckEvaluator.Evaluate(check, measurement, memo);
        var again = CheckEvaluator.Evaluate(check, measurement, memo);
        var shorter = CheckEvaluator.Evaluate(check with { Rule = new TrendRule(check.Trend! with { Horizon = TimeSpan.FromMinutes(1) }) }, measurement, memo);

        Assert.AreEqual(2, memo.Fits, "one fit per pod, then remembered");
        Assert.AreEqual(first.Reason, again.Reason);
        Assert.AreEqual(CheckEvaluator.Evaluate(check, measurement).Reason, first.Reason, "remembered or not, the same judgement");
        Assert.AreEqual(EvaluationOutcome.Failed, first.Outcome);
        Assert.AreNotEqual(EvaluationOutcome.Failed, shorter.Outcome, "a one-minute horizon lets the growth pass: the horizon is applied after the fit");
    }
}
