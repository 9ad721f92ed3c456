using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;

namespace DeployVerifier.Verdicts;

/// <summary>
/// The verdict follows the worst check that blocks: any failure fails, anything unseen is inconclusive. Checks of
/// severity warn are judged and reported but never change the verdict; a checklist of warn checks alone passes.
/// </summary>
internal static class VerdictRules
{
    public static Verdict Decide(IEnumerable<CheckResult> results)
    {
        var all = results.ToList();
        var blocking = all.Where(r => r.Blocks).ToList();
        var worst = blocking.Count == 0 && all.Count > 0
            ? CheckOutcome.Passed
            : blocking.Select(r => r.Outcome).DefaultIfEmpty(CheckOutcome.Inconclusive).Max();
        return worst switch
        {
            CheckOutcome.Failed => Verdict.Failed,
            CheckOutcome.Passed => Verdict.Passed,
            _ => Verdict.Inconclusive,
        };
    }

}
