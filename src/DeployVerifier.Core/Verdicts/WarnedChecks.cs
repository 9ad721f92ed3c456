using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Soak;

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

    /// <summary>
    /// The outcome with its reason told by the checks that block: a warn check's failure is not why a release failed,
    /// and a pass with warnings says so. Unchanged when no check has severity warn, or the soak was cancelled.
    /// </summary>
    public static SoakOutcome Explain(SoakOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Cancelled || outcome.Checks.All(c => c.Check.Severity == CheckSeverity.Fail))
        {
            return outcome;
        }

        var blocking = outcome.Checks.Where(c => c.Check.Severity == CheckSeverity.Fail).ToList();
        var warned = Of(outcome.Checks);
        var reason = outcome.Verdict switch
        {
            Verdict.Failed => string.Join("; ", blocking.Where(r => r.Outcome == CheckOutcome.Failed).Select(r => $"{r.Check.Name}: {r.Reason}")),
            Verdict.Inconclusive => string.Join("; ", blocking.Where(r => r.Outcome is CheckOutcome.Inconclusive or CheckOutcome.Error)
                .Select(r => $"{r.Check.Name}: {r.Reason}")),
            _ => blocking.Count == 0
                ? $"no check blocks the release (all {outcome.Checks.Count} have severity warn)"
                : $"all {blocking.Count} blocking checks passed over the whole soak",
        };
        if (warned.Count > 0)
        {
            reason += $"; {warned.Count} warn-severity check{(warned.Count == 1 ? "" : "s")} failed without blocking: "
                + string.Join("; ", warned.Select(r => $"{r.Check.Name}: {r.Reason}"));
        }

        return reason.Length == 0 ? outcome : outcome with { Reason = reason };
    }
}
