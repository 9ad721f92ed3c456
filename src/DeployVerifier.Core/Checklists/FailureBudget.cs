namespace DeployVerifier.Checklists;

/// <summary>
/// How much of a check may fail before it fails, however the failures are spread: the check fails once more than
/// <see cref="MaxFailingShare"/> of its judged evaluations so far have failed, but not before
/// <see cref="MinEvaluations"/> have been judged. Evaluations without a judgement (no data, not enough data, no answer)
/// don't count.
/// </summary>
/// <param name="MaxFailingShare">The share of judged evaluations that may fail, 0 to 1; default 0.5. 1 never fails.</param>
/// <param name="MinEvaluations">Judged evaluations needed before the budget applies; default 10.</param>
public sealed record FailureBudget(double MaxFailingShare, int MinEvaluations)
{
    /// <summary>50 % once 10 evaluations are judged: the default of a threshold check.</summary>
    public static FailureBudget Default { get; } = new(ChecklistDefaults.BudgetMaxFailingShare, ChecklistDefaults.BudgetMinEvaluations);

    public double MaxFailingShare { get; } = MaxFailingShare is >= 0 and <= 1
        ? MaxFailingShare
        : throw new ArgumentOutOfRangeException(nameof(MaxFailingShare), MaxFailingShare, "A share lies between 0 and 1.");

    public int MinEvaluations { get; } = MinEvaluations >= 1
        ? MinEvaluations
        : throw new ArgumentOutOfRangeException(nameof(MinEvaluations), MinEvaluations, "At least one evaluation.");

    /// <summary>Whether <paramref name="failed"/> of <paramref name="judged"/> is over the budget.</summary>
    public bool IsExceeded(int failed, int judged) => judged >= MinEvaluations && failed > MaxFailingShare * judged;
}
