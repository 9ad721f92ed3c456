using DeployVerifier.Evaluation;

namespace DeployVerifier.Verdicts;

/// <summary>The verdict follows the worst check: any failure fails, anything unseen is inconclusive.</summary>
internal static class VerdictRules
{
    public static Verdict Decide(IEnumerable<CheckResult> results)
    {
        var worst = results.Select(r => r.Outcome).DefaultIfEmpty(CheckOutcome.Inconclusive).Max();
        return worst switch
        {
            CheckOutcome.Failed => Verdict.Failed,
            CheckOutcome.Passed => Verdict.Passed,
            _ => Verdict.Inconclusive,
        };
    }
}
