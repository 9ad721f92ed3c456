using DeployVerifier.Evaluation;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Verdicts;

[TestClass]
public sealed class VerdictRulesTests
{
    private static CheckResult Result(CheckOutcome outcome) => new(Some.Threshold(max: 1), outcome, "", null, null, 0, [], null);

    [TestMethod]
    [DataRow(new[] { CheckOutcome.Passed, CheckOutcome.Passed }, Verdict.Passed)]
    [DataRow(new[] { CheckOutcome.Passed, CheckOutcome.Inconclusive }, Verdict.Inconclusive)]
    [DataRow(new[] { CheckOutcome.Error, CheckOutcome.Passed }, Verdict.Inconclusive)]
    [DataRow(new[] { CheckOutcome.Inconclusive, CheckOutcome.Failed }, Verdict.Failed)]
    [DataRow(new CheckOutcome[0], Verdict.Inconclusive)]
    public void Decide_TheWorstCheckWins(CheckOutcome[] outcomes, Verdict expected)
    {
        Assert.AreEqual(expected, VerdictRules.Decide(outcomes.Select(Result)));
    }
}
