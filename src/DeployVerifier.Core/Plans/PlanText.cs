using System.Globalization;
using System.Text;
using DeployVerifier.Quantities;

namespace DeployVerifier.Plans;

/// <summary><c>plan</c>'s text: the <see cref="PlanDescription"/> for people, the same data as <see cref="PlanJson"/>.</summary>
public static class PlanText
{
    /// <summary>How many evaluation times are listed before the rest are counted.</summary>
    private const int ListedTimes = 8;

    public static string Write(PlanDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line($"Prometheus: {description.PrometheusUrl ?? "(none given)"}");
        Line();
        if (description.Release is { } release)
        {
            Line("Release");
            if (release.Found is { } found)
            {
                Line($"  judged: {found.Name}, started {Rfc3339.Format(found.StartedAt)} (found by {found.FoundBy})");
            }

            Line($"  {release.Note}");
            Line($"  releases ({release.Label}): {release.ReleasesQuery}");
            Line($"  instances ({release.InstanceLabel}): {release.InstancesQuery}");
            Line($"  freshness: {release.Freshness ?? "(no selector: not waited on)"}");
            Line($"  waitFor: {release.WaitFor}");
            Line($"  pairs on: {release.PairsOn}");
        }
        else
        {
            Line("Release: not identified (the checklist has no release section)");
        }

        var schedule = description.Schedule;
        Line();
        Line("Schedule");
        Line($"  anchor: {(schedule.Anchor is { } anchor ? Rfc3339.Format(anchor) + ", " : string.Empty)}{schedule.AnchorSource}");
        Line(string.Create(CultureInfo.InvariantCulture,
            $"  soak {schedule.Duration}, every {schedule.Interval} after a {schedule.WarmUp} warm-up: {schedule.Evaluations} evaluations, each made {schedule.IngestionLag} after its time"));
        if (schedule.ExtensionEvaluations > 0)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"  extension {schedule.Extension}: up to {schedule.ExtensionEvaluations} more for undecided checks"));
        }

        var at = schedule.Times.Count > 0
            ? schedule.Times.Select(t => t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).ToList()
            : schedule.Offsets.Select(o => "+" + o).ToList();
        var more = at.Count > ListedTimes ? string.Create(CultureInfo.InvariantCulture, $" … {at[^1]} ({at.Count - ListedTimes} more)") : string.Empty;
        Line($"  at: {string.Join(", ", at.Take(ListedTimes))}{more}");

        foreach (var check in description.Checks)
        {
            Line();
            Line($"Check {check.Name} ({check.Kind}, {check.Severity}{(check.Severity == "warn" ? ": never blocks" : string.Empty)}, unit {check.Unit})");
            foreach (var query in check.Queries)
            {
                Line($"  {query.Key}: {query.Query}");
            }

            Line($"  bounds: {string.Join("; ", check.Bounds)}");
            if (check.Companions.Count > 0)
            {
                Line($"  pairs {string.Join(", ", check.Companions)} on: {check.PairsOn}");
            }

            Line("  needs:");
            foreach (var need in check.Needs)
            {
                Line($"    - {need}");
            }
        }

        return text.ToString();
    }
}
