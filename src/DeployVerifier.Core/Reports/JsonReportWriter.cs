using System.Text.Json;
using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Quantities;
using DeployVerifier.Releases;

namespace DeployVerifier.Reports;

/// <summary>Writes the machine-readable report (<c>--report-json</c>) that CI scripts and the action parse.</summary>
public static class JsonReportWriter
{
    /// <summary>Bumped on any change that could break a reader; <c>report.schema.json</c> follows it.</summary>
    public const int SchemaVersion = 2;

    public static string Write(ReportContext context) =>
        JsonSerializer.Serialize(Build(context), JsonReportContext.Default.JsonReport);

    private static JsonRelease Release(ReleaseInfo? release, DateTimeOffset anchor) => release is null
        ? new JsonRelease(null, anchor, ReleaseInfo.NotIdentified, null)
        : new JsonRelease(release.Name, release.StartedAt, release.FoundBy, release.DeployedAtGiven);

    internal static JsonReport Build(ReportContext context)
    {
        var outcome = context.Outcome;
        var schedule = outcome.Schedule;
        var rollback = context.Rollback;
        return new JsonReport(
            SchemaVersion,
            "deploy-verifier",
            context.ToolVersion,
            ReportText.Verdict(outcome.Verdict),
            outcome.Reason,
            schedule.DeployedAt,
            Release(context.Release, schedule.DeployedAt),
            Verdicts.WarnedChecks.Of(outcome.Checks).Select(c => c.Check.Name).ToList(),
            outcome.DecidedAt,
            new JsonSoak(PromDuration.Format(schedule.End - schedule.DeployedAt), (schedule.End - schedule.DeployedAt).TotalSeconds,
                PromDuration.Format(schedule.Interval), schedule.End, outcome.Checks.Select(c => c.Evaluations.Count).DefaultIfEmpty(0).Max(), outcome.ExtendedTo),
            outcome.Cancelled,
            context.DryRun,
            outcome.Checks.Select(c => Check(c, outcome.Baselines.GetValueOrDefault(c.Check.Name))).ToList(),
            new JsonRollback(rollback.Attempted, rollback.Succeeded, rollback.Detail, rollback.State,
                rollback.Actions.Select(a => new JsonRollbackAction(a.Kind, a.Succeeded, a.Detail)).ToList()),
            new JsonPrometheus(context.PrometheusUrl, context.PrometheusRequests),
            outcome.Warnings)
        {
            Notifications = context.Notifications
                .Select(n => new JsonNotification(n.Target, n.Event, n.Outcome, n.Sent, n.Succeeded, n.Detail, n.TriggeredAt, n.SentAt, n.Attempts)).ToList(),
        };
    }

    private static JsonCheck Check(CheckResult result, BaselineInfo? baseline)
    {
        var check = result.Check;
        var unit = check.Unit;
        var worst = result.Worst;
        var last = result.Last;
        var effectiveMax = result.EffectiveMax;
        return new JsonCheck(
            check.Name,
            ReportText.Outcome(result.Outcome),
            result.Reason,
            check.Kind.ToString().ToLowerInvariant(),
            check.Query,
            ReportText.Unit(unit),
            new JsonThreshold(check.Threshold.Min, check.Threshold.Max, effectiveMax, ReportText.Threshold(check, effectiveMax), check.Tolerance),
            worst?.Value,
            ReportText.Value(worst, unit),
            worst?.Time,
            worst?.Series?.Values.Where(l => l.Key != "__name__").ToDictionary(),
            last?.Value,
            ReportText.Value(last, unit),
            last?.Time,
            result.Samples,
            result.Evaluations.Count,
            result.FirstFailureAt,
            baseline is null ? null : new JsonBaseline(baseline.Value, baseline.Value is { } b ? Quantity.Format(b, unit) : null, baseline.Note),
            result.DecidingForecast is { } f
                ? new JsonForecast(f.SlopePerSecond, Quantity.FormatRatePerMinute(f.SlopePerSecond, unit), f.Level, f.Limit, Quantity.Format(f.Limit, unit),
                    f.TimeToLimit?.TotalSeconds, f.Earliest?.TotalSeconds, f.Latest?.TotalSeconds, f.Significant, f.LevellingOffAt, Fleet(f.Fleet))
                : null,
            new JsonCounts(result.Counts.Passed, result.Counts.Failed, result.Counts.NoAnswer, result.Counts.NotEnoughData),
            result.DecidedBy,
            check.Severity.ToString().ToLowerInvariant())
        {
            Details = result.Details,
        };
    }

    private static JsonFleetForecast? Fleet(FleetForecast? fleet) => fleet is null
        ? null
        : new JsonFleetForecast(fleet.Instances, fleet.FirstInstanceAt, fleet.FirstEarliest, fleet.FirstLatest, fleet.LastInstanceAt, fleet.LastEarliest,
            fleet.LastLatest, fleet.GrowsWithLoad, fleet.Downtime?.TotalSeconds,
            fleet.Each.Select(e => new JsonInstanceForecast(e.Labels.Values.Where(l => l.Key != "__name__").ToDictionary(), e.AloneAt, e.InFleetAt)).ToList());
}
