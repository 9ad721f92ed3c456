using DeployVerifier.Checklists;
using DeployVerifier.Quantities;

namespace DeployVerifier.Evaluation;

/// <summary>
/// Where a check stands after its latest evaluation: the counts its failing rules (tolerance, failure limit, budget)
/// judge, as <c>CheckTracker</c> keeps them. The live line and the early warning read the same counts.
/// </summary>
/// <param name="Check">The check.</param>
/// <param name="Latest">Its latest evaluation.</param>
/// <param name="FailingInARow">Failing evaluations since the last passing one (not-enough-data neither breaks nor extends the run).</param>
/// <param name="Failed">Failing evaluations so far.</param>
/// <param name="Judged">Evaluations that passed or failed so far.</param>
/// <param name="Decided">A failing rule has tripped: the check failed.</param>
public sealed record CheckStanding(CheckDefinition Check, CheckEvaluation Latest, int FailingInARow, int Failed, int Judged, bool Decided)
{
    /// <summary>
    /// How close a failing check is to failing the release, for the live line: "failing 3 in a row, fails at 7; 12 of 40
    /// judged evaluations failed, fails over 50%"; null while it is not failing or once it has decided.
    /// </summary>
    public string? Describe()
    {
        if (Decided || FailingInARow == 0)
        {
            return null;
        }

        var parts = new List<string> { $"failing {FailingInARow} in a row, fails at {Check.Tolerance + 1}" };
        if (Check.FailureLimit is { } limit)
        {
            parts.Add($"{Failed} failed, fails at {limit + 1}");
        }

        if (Check.Budget is { } budget)
        {
            parts.Add($"{Failed} of {Judged} judged evaluations failed, fails over {Quantity.Format(budget.MaxFailingShare, QuantityUnit.Ratio)}");
        }

        return string.Join("; ", parts);
    }
}
