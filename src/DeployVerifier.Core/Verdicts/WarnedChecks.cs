using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;

namespace DeployVerifier.Verdicts;

/// <summary>
/// Checks of severity warn that failed: reported (the JSON report's <c>warnedChecks</c>, a GitHub <c>::warning</c>,
/// Azure's <c>SucceededWithIssues</c>), never blocking.
/// </summary>
public static class WarnedChecks
{
    /// <summary>The checks of severity warn that failed, in checklist order.</summary>
    public static IReadOnlyList<CheckResult> Of(IEnumerable<CheckResult> results) =>
        results.Where(r => r.Check.Severity == CheckSeverity.Warn && r.Outcome == CheckOutcome.Failed).ToList();

    /// <summary>A warn-severity check's failure in words, for the summaries and the CI warnings.</summary>
    public static string Line(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return $"{result.Check.Name} (severity warn, not blocking): {result.Reason}";
    }
}
