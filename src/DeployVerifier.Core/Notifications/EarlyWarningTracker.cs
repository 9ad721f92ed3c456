using System.Globalization;
using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;

namespace DeployVerifier.Notifications;

/// <summary>
/// Tells, evaluation by evaluation, which checks deserve an early warning: a failing evaluation once half the check's
/// tolerance (consecutive failures), failure budget or failure limit is used, or a trend whose forecast is failing but
/// not yet decided. With tolerance 0 the first failure decides the check, so its warning comes at the verdict.
/// A check whose latest evaluation passed has recovered. Pure: evaluations in, warnings out.
/// </summary>
public sealed class EarlyWarningTracker(IEnumerable<CheckDefinition> checks)
{
    private readonly Dictionary<string, CheckDefinition> _checks = checks.ToDictionary(c => c.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, (int Streak, int Failed, int Judged, DateTimeOffset Last)> _counts = new(StringComparer.Ordinal);

    /// <summary>Takes each check's latest evaluation; returns the checks in warning now (failing ones included).</summary>
    public IReadOnlyList<CheckWarning> Observe(IEnumerable<(string Check, CheckEvaluation Evaluation)> latest)
    {
        var warnings = new List<CheckWarning>();
        foreach (var (name, evaluation) in latest)
        {
            if (!_checks.TryGetValue(name, out var check))
            {
                continue;
            }

            var (streak, failed, judged, last) = _counts.GetValueOrDefault(name);
            if (evaluation.Time > last)
            {
                (streak, failed, judged) = evaluation.Outcome switch
                {
                    EvaluationOutcome.Failed => (streak + 1, failed + 1, judged + 1),
                    EvaluationOutcome.Passed => (0, failed, judged + 1),
                    _ => (streak, failed, judged),
                };
                _counts[name] = (streak, failed, judged, evaluation.Time);
            }

            if (Why(check, evaluation, streak, failed, judged) is { } why)
            {
                warnings.Add(new CheckWarning(name, $"{evaluation.Reason} ({why})", evaluation.Value, evaluation.Forecast, evaluation.Time));
            }
        }

        return warnings;
    }

    private static string? Why(CheckDefinition check, CheckEvaluation evaluation, int streak, int failed, int judged)
    {
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
        if (streak >= half)
        {
            return check.Tolerance == 0
                ? "no failure is tolerated"
                : string.Create(CultureInfo.InvariantCulture, $"{streak} failing in a row of {check.Tolerance} tolerated");
        }

        if (check.FailureLimit is { } limit && failed >= Math.Max(1, (limit + 1) / 2))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{failed} failing of the {limit} allowed");
        }

        if (check.Budget is { } budget && judged >= Math.Max(1, budget.MinEvaluations / 2) && (double)failed / judged >= budget.MaxFailingShare / 2)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{failed} of {judged} evaluations failing, half the budget of {budget.MaxFailingShare:P0}");
        }

        return null;
    }
}
