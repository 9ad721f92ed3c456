using System.Globalization;
using DeployVerifier.Evaluation;

namespace DeployVerifier.Notifications;

/// <summary>
/// Which checks deserve an early warning, from where they stand (<see cref="CheckStanding"/>, the counts their failing
/// rules judge): a failing evaluation once half the check's tolerance (failures in a row), failure limit or failure
/// budget is used, or a trend whose forecast is failing but not yet decided. With tolerance 0 the first failure decides
/// the check, so its warning comes with the verdict. A check whose latest evaluation passed has recovered. Pure.
/// </summary>
public static class EarlyWarning
{
    /// <summary>The checks in warning now (failing ones included), in the order given.</summary>
    public static IReadOnlyList<CheckWarning> In(IEnumerable<CheckStanding> standings) =>
        [.. standings.Select(Of).OfType<CheckWarning>()];

    /// <summary>The check's warning, or null when it has none.</summary>
    public static CheckWarning? Of(CheckStanding standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        var latest = standing.Latest;
        return Why(standing) is { } why
            ? new CheckWarning(standing.Check.Name, $"{latest.Reason} ({why})", latest.Value, latest.Forecast, latest.Time)
            : null;
    }

    private static string? Why(CheckStanding standing)
    {
        var (check, evaluation) = (standing.Check, standing.Latest);
        if (evaluation.Outcome == EvaluationOutcome.NotEnoughData && evaluation.Forecast is { TimeToLimit: { } toLimit } && check.Trend is { } trend
            && toLimit <= trend.Horizon)
        {
            return "the forecast is failing, not yet decided";
        }

        if (evaluation.Outcome != EvaluationOutcome.Failed)
        {
            return null;
        }

        var half = Math.Max(1, (check.Tolerance + 1) / 2);
        if (standing.FailingInARow >= half)
        {
            return check.Tolerance == 0
                ? "no failure is tolerated"
                : string.Create(CultureInfo.InvariantCulture, $"{standing.FailingInARow} failing in a row of {check.Tolerance} tolerated");
        }

        var failed = standing.Failed;
        if (check.FailureLimit is { } limit && failed >= Math.Max(1, (limit + 1) / 2))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{failed} failing of the {limit} allowed");
        }

        var judged = standing.Judged;
        if (check.Budget is { } budget && judged >= Math.Max(1, budget.MinEvaluations / 2) && (double)failed / judged >= budget.MaxFailingShare / 2)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{failed} of {judged} evaluations failing, half the budget of {budget.MaxFailingShare:P0}");
        }

        return null;
    }
}
