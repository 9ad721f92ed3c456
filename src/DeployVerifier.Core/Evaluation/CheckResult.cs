using DeployVerifier.Checklists;
using DeployVerifier.Metrics;

namespace DeployVerifier.Evaluation;

/// <summary>What a check came to over the soak, for the verdict and the reports.</summary>
/// <param name="Check">The check.</param>
/// <param name="Outcome">Its outcome.</param>
/// <param name="Reason">Plain words: why this outcome.</param>
/// <param name="Worst">The evaluation that came nearest to failing (or failed).</param>
/// <param name="Last">The last evaluation.</param>
/// <param name="Samples">Evaluations that had data to judge.</param>
/// <param name="Evaluations">Every evaluation, in time order.</param>
/// <param name="FirstFailureAt">The first evaluation of the failing run that failed the check.</param>
public sealed record CheckResult(
    CheckDefinition Check,
    CheckOutcome Outcome,
    string Reason,
    CheckEvaluation? Worst,
    CheckEvaluation? Last,
    int Samples,
    IReadOnlyList<CheckEvaluation> Evaluations,
    DateTimeOffset? FirstFailureAt)
{
    /// <summary>
    /// The evaluation every report presents as the one that decided: the worst (the failure that tripped the rule, or
    /// the closest call of a pass), else the last. The JSON report's definition, which the Markdown and HTML read too.
    /// </summary>
    public CheckEvaluation? Deciding => Worst ?? Last;

    /// <summary>The bound the deciding evaluation was held to (a baseline can tighten <c>max</c>): the worst's, else the last's.</summary>
    public double? EffectiveMax => Worst?.EffectiveMax ?? Last?.EffectiveMax;

    /// <summary>The trend's forecast the reports show: the deciding evaluation's, when it has one.</summary>
    public Forecast? DecidingForecast => Worst?.Forecast;

    /// <summary>The check's failure blocks the release (severity <c>fail</c>); a warn check's never does.</summary>
    public bool Blocks => Check.Severity == CheckSeverity.Fail;

    /// <summary>A check that blocks failed: a reason the release failed.</summary>
    public bool FailedBlocking => Blocks && Outcome == CheckOutcome.Failed;

    /// <summary>The soak stopped (another check decided it, or it was cancelled) before this check could be judged.</summary>
    public bool Unfinished { get; init; }

    /// <summary>Its evaluations by what they came to.</summary>
    public EvaluationCounts Counts { get; init; } = EvaluationCounts.None;

    /// <summary>The numbers behind <see cref="Reason"/> (<see cref="CheckEvaluation.Details"/>, and how the rule tripped); null when there are none.</summary>
    public string? Details { get; init; }

    /// <summary>For a failed check, the rule that failed it (<see cref="DecisionRule"/>); null otherwise.</summary>
    public string? DecidedBy { get; init; }
}
