using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Verdicts;

[TestClass]
public sealed class VerdictRulesTests
{
    private static CheckResult Result(CheckOutcome outcome) => new(Some.Threshold(max: 1), outcome, "", null, null, 0, [], null);

    private static CheckResult Warn(CheckOutcome outcome) =>
        new(Some.Threshold(max: 1, name: "cpu-redundancy") with { Severity = CheckSeverity.Warn }, outcome, "", null, null, 0, [], null);

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

    [TestMethod]
    [DataRow(CheckOutcome.Passed, CheckOutcome.Failed, Verdict.Passed, DisplayName = "a warn failure leaves a pass")]
    [DataRow(CheckOutcome.Passed, CheckOutcome.Inconclusive, Verdict.Passed, DisplayName = "a warn check unseen leaves a pass")]
    [DataRow(CheckOutcome.Passed, CheckOutcome.Error, Verdict.Passed, DisplayName = "a warn check without answers leaves a pass")]
    [DataRow(CheckOutcome.Failed, CheckOutcome.Passed, Verdict.Failed, DisplayName = "a blocking failure still fails")]
    [DataRow(CheckOutcome.Inconclusive, CheckOutcome.Failed, Verdict.Inconclusive, DisplayName = "a blocking gap still is inconclusive")]
    public void Decide_WarnSeverity_NeverChangesTheVerdict(CheckOutcome blocking, CheckOutcome warned, Verdict expected)
    {
        Assert.AreEqual(expected, VerdictRules.Decide([Result(blocking), Warn(warned)]));
    }

    [TestMethod]
    public void Decide_OnlyWarnChecks_Passes()
    {
        Assert.AreEqual(Verdict.Passed, VerdictRules.Decide([Warn(CheckOutcome.Failed)]));
    }
}
