using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;

namespace DeployVerifier.Soak;

/// <summary>What happened in one step of the soak: one live evaluation, or a replayed stretch of past ones.</summary>
/// <param name="From">The first evaluation time of the step.</param>
/// <param name="To">The last evaluation time of the step.</param>
/// <param name="Evaluations">How many evaluation times the step covered.</param>
/// <param name="Live">True for a single evaluation made as its time came; false for a replay from history.</param>
/// <param name="Latest">Each check's latest evaluation.</param>
/// <param name="Schedule">The soak's schedule, for "12 of 30 min".</param>
/// <param name="Checks">How many checks the soak has, including those still in their warm-up.</param>
public sealed record SoakProgress(
    DateTimeOffset From,
    DateTimeOffset To,
    int Evaluations,
    bool Live,
    IReadOnlyList<(string Check, CheckEvaluation Evaluation)> Latest,
    SoakSchedule Schedule,
    int Checks)
{
    public int Passing => Latest.Count(l => l.Evaluation.Outcome == EvaluationOutcome.Passed);

    /// <summary>Where each check that has been evaluated stands (its counts as its failing rules judge them), in the checklist's order.</summary>
    public IReadOnlyList<CheckStanding> Standings { get; init; } = [];

    /// <summary>How far through the soak, from 0 to 1.</summary>
    public double Fraction => Math.Clamp((To - Schedule.DeployedAt) / (Schedule.End - Schedule.DeployedAt), 0, 1);
}
