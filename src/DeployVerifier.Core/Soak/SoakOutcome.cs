using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Soak;

/// <summary>How a soak ended.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Schedule">The soak's schedule.</param>
/// <param name="DecidedAt">The evaluation time at which the verdict was reached (for a pass, the end of the soak); null when nothing was evaluated.</param>
/// <param name="Checks">Every check's result.</param>
/// <param name="Cancelled">The soak was stopped from outside (Ctrl-C, SIGTERM).</param>
/// <param name="Warnings">Warnings the store sent with its answers.</param>
/// <param name="Baselines">Per check name, its baseline before the deploy.</param>
public sealed record SoakOutcome(
    Verdict Verdict,
    string Reason,
    SoakSchedule Schedule,
    DateTimeOffset? DecidedAt,
    IReadOnlyList<CheckResult> Checks,
    bool Cancelled,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, BaselineInfo> Baselines)
{
    /// <summary>Until when the soak was extended for undecided checks; null when it was not.</summary>
    public DateTimeOffset? ExtendedTo { get; init; }

    /// <summary>The checks that block and failed: the reasons the release failed.</summary>
    public IReadOnlyList<CheckResult> FailedBlocking => [.. Checks.Where(c => c.FailedBlocking)];

    /// <summary>Nothing was judged (the store could not be read, the run was cancelled before the soak): inconclusive, every check saying why.</summary>
    public static SoakOutcome NotJudged(SoakSchedule schedule, IEnumerable<CheckDefinition> checks, string reason, bool cancelled = false) =>
        new(Verdict.Inconclusive, reason, schedule, null, [.. checks.Select(c => new CheckResult(c, CheckOutcome.Inconclusive, reason, null, null, 0, [], null))],
            cancelled, [], new Dictionary<string, BaselineInfo>());
}
