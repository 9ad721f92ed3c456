using DeployVerifier.Checklists;
using DeployVerifier.Metrics;
using DeployVerifier.Quantities;

namespace DeployVerifier.Evaluation;

/// <summary>
/// Judges a redundancy check at one time, the fleet as a whole: once the number of instances has been stable for
/// <c>redundancy.warmUp</c>, whether the survivors of the busiest <c>spare</c> instances could carry the whole load under
/// <c>maxUtilization</c>. A pure function.
/// </summary>
internal static class RedundancyEvaluator
{
    public static CheckEvaluation Evaluate(CheckDefinition check, RedundancySettings settings, CheckMeasurement measurement)
    {
        var time = measurement.Time;
        var utilizations = measurement.Series
            .Where(s => double.IsFinite(s.Value) && s.Limit is { } c && double.IsFinite(c) && c > 0)
            .Select(s => new KeyValuePair<Labels, double>(s.Labels, s.Value / s.Limit!.Value))
            .ToList();
        var noun = Noun(measurement.Series);
        if (measurement.Series.FirstOrDefault(s => !double.IsFinite(s.Value)) is { } noLoad)
        {
            return Pending(time, utilizations, $"{noLoad.Labels.DisplayName}: no load value (NaN) to judge the fleet by", false);
        }

        if (measurement.Series.FirstOrDefault(s => s.Limit is not { } c || !double.IsFinite(c) || c <= 0) is { } noCapacity)
        {
            return Pending(time, utilizations, $"{noCapacity.Labels.DisplayName}: no capacity to judge the fleet against", false);
        }

        var count = measurement.Series.Count;
        var stableSince = measurement.FleetStableSince ?? time - settings.WarmUp;
        if (time - stableSince < settings.WarmUp)
        {
            // A rollout still adding instances is the check's lead-in; an instance lost or back mid-soak is a gap.
            var growing = measurement.Series.Max(s => s.FirstSeen) > time - settings.WarmUp;
            return Pending(time, utilizations,
                $"the fleet changed at {stableSince:HH:mm:ss} UTC ({Count(count, noun)} now); judged once it has been stable {PromDuration.Format(settings.WarmUp)}",
                growing);
        }

        var fleet = measurement.Series.Select(s => (s.Labels, Load: s.Value, Capacity: s.Limit!.Value)).ToList();
        var spare = settings.Spare;
        if (FleetRedundancy.Assess(fleet, spare) is not { } assessment)
        {
            return new CheckEvaluation(time, EvaluationOutcome.Failed, null, null,
                $"a fleet of {count} can't lose {spare}: it needs at least {spare + 1} {noun}s", SeriesValues: utilizations);
        }

        var capacities = fleet.Select(i => i.Capacity).Distinct().ToList();
        var capacity = capacities.Count == 1
            ? $"{Quantity.Format(capacities[0], QuantityUnit.Number)}"
            : $"{Quantity.Format(capacities.Min(), QuantityUnit.Number)} to {Quantity.Format(capacities.Max(), QuantityUnit.Number)}";
        var now = Percent(assessment.LeastUtilization) == Percent(assessment.MostUtilization)
            ? Percent(assessment.MostUtilization)
            : $"{Percent(assessment.LeastUtilization)} to {Percent(assessment.MostUtilization)}";
        var lost = spare == 1 ? "one is lost" : $"the {spare} busiest are lost";
        var survivors = count - spare;
        var need = survivors == 1 ? $"the other needs {Percent(assessment.SurvivorUtilization)}"
            : capacities.Count == 1 && Percent(assessment.LeastUtilization) == Percent(assessment.MostUtilization)
                ? $"the other {survivors} need {Percent(assessment.SurvivorUtilization)}"
                : $"the other {survivors} need up to {Percent(assessment.SurvivorUtilization)} ({assessment.Survivor.DisplayName})";
        var words = $"{Count(count, noun)} at {now} of {capacity}; if {lost} {need}";
        var failed = assessment.SurvivorUtilization > settings.MaxUtilization;
        var verdict = failed
            ? $": the fleet can't lose {(spare == 1 ? $"a {noun}" : $"{spare} {noun}s")}"
            : $", within {Percent(settings.MaxUtilization)}";
        return new CheckEvaluation(time, failed ? EvaluationOutcome.Failed : EvaluationOutcome.Passed, assessment.SurvivorUtilization,
            assessment.Survivor, words + verdict, EffectiveMax: settings.MaxUtilization, SeriesValues: utilizations);
    }

    private static CheckEvaluation Pending(DateTimeOffset time, List<KeyValuePair<Labels, double>> values, string reason, bool warmingUp) =>
        new(time, EvaluationOutcome.NotEnoughData, null, null, reason, SeriesValues: values) { WarmingUp = warmingUp };

    /// <summary>"pod" when the series name pods (Kubernetes), else "instance".</summary>
    private static string Noun(IReadOnlyList<SeriesMeasurement> series) =>
        series.Count > 0 && series.All(s => s.Labels["pod"] is not null) ? "pod" : "instance";

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static string Percent(double ratio) => Quantity.Format(ratio, QuantityUnit.Ratio);
}
