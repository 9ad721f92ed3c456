using System.Text.Json.Nodes;
using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;

namespace DeployVerifier.Notifications;

/// <summary>
/// What to post to one Alertmanager address, notice by notice. One alert per check and stage: a <c>stage</c> label,
/// <c>warning</c> or <c>failed</c>, so a warning turning into a failure is a new notification, and the same post
/// resolves the warning. A firing alert is posted again at every evaluation with <c>endsAt</c> a few intervals ahead,
/// since Alertmanager resolves an alert it stops hearing of; it is resolved when the check recovers, the release passes
/// or the rollback succeeded, but never before <see cref="AlertmanagerTarget.MinFiring"/> after it was first posted, so
/// a failure rolled back in a second still reaches someone. A failed release not rolled back keeps its alert for
/// <see cref="AlertmanagerTarget.KeepFailedFor"/> (a dry run's for <c>minFiring</c> only, with the dry-run severity and
/// <c>dry_run="true"</c>). Every <c>endsAt</c> is computed from the time the post is sent. Pure: notices and times in,
/// bodies out.
/// </summary>
public sealed class AlertmanagerAlerts(AlertmanagerTarget target, IReadOnlyDictionary<string, CheckDefinition> checks)
{
    /// <summary>The alert's name: one per check; its <c>stage</c> label tells the warning from the failure.</summary>
    public const string AlertName = "DeployVerifierCheckFailing";

    /// <summary>How many intervals ahead a firing alert's <c>endsAt</c> lies: 3, and at least 30 s.</summary>
    public const int IntervalsAhead = 3;

    private static readonly TimeSpan LeastAhead = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Firing> _firing = new(StringComparer.Ordinal);

    /// <summary>Alerts to resolve with the next post: a warning that became a failure.</summary>
    private readonly List<Firing> _superseded = [];

    private sealed record Firing(string Check, string Stage, string Reason, DateTimeOffset StartsAt)
    {
        /// <summary>When it was first posted; null until it is.</summary>
        public DateTimeOffset? FirstPostedAt { get; set; }
    }

    /// <summary>What to post about <paramref name="notice"/> when it is sent at <paramref name="sentAt"/>; null when nothing.</summary>
    public AlertPost? Post(NotifyNotice notice, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(notice);
        switch (notice)
        {
            case EvaluationNotice evaluation when target.Events.Contains(NotifyEvent.EarlyWarning):
                var now = evaluation.Warnings.ToDictionary(w => w.Check, StringComparer.Ordinal);
                var recovered = _firing.Keys.Where(k => !now.ContainsKey(k)).ToList();
                foreach (var warning in evaluation.Warnings)
                {
                    Fire(warning.Check, "warning", warning.Reason, notice.At);
                }

                var ahead = TimeSpan.FromTicks(Math.Max(evaluation.Interval.Ticks * IntervalsAhead, LeastAhead.Ticks));
                return Build(notice.Release, evaluation.New.Count > 0 ? "earlyWarning" : "repost", sentAt, ahead, recovered);
            case VerdictNotice verdict when verdict.Failed && target.Events.Contains(NotifyEvent.Verdict):
                var failed = verdict.Outcome.Checks.Where(c => c.Outcome == CheckOutcome.Failed).ToList();
                var passed = _firing.Keys.Where(k => failed.All(f => f.Check.Name != k)).ToList();
                foreach (var check in failed)
                {
                    Fire(check.Check.Name, "failed", check.Reason, notice.At);
                }

                // Alertmanager keeps the latest end it was told of until an alert is resolved outright, so a failure that a
                // rollback will follow ends after minFiring (then resolves by itself, never sooner), and is extended to
                // keepFailedFor only if the rollback does not succeed.
                var rollbackFollows = notice.Release.DryRun || notice.Release.RollbackExpected;
                return Build(notice.Release, "verdict", sentAt, rollbackFollows ? target.MinFiring : target.KeepFailedFor, passed);
            case VerdictNotice { Failed: false }:
            case RollbackNotice { Rollback.Succeeded: true }:
                return _firing.Count > 0 || _superseded.Count > 0 ? Build(notice.Release, "resolved", sentAt, TimeSpan.Zero, [.. _firing.Keys]) : null;
            case RollbackNotice when !notice.Release.DryRun && _firing.Count > 0:
                return Build(notice.Release, "repost", sentAt, target.KeepFailedFor, []);
            default:
                return null;
        }
    }

    /// <summary>The check's alert at <paramref name="stage"/>; a warning that becomes a failure is resolved as a separate alert.</summary>
    private void Fire(string check, string stage, string reason, DateTimeOffset at)
    {
        if (_firing.TryGetValue(check, out var before) && before.Stage == stage)
        {
            _firing[check] = before with { Reason = reason };
            _firing[check].FirstPostedAt = before.FirstPostedAt;
            return;
        }

        if (before is not null)
        {
            _superseded.Add(before);
        }

        _firing[check] = new Firing(check, stage, reason, at);
    }

    /// <summary>
    /// Every firing alert (ending <paramref name="ahead"/> after <paramref name="sentAt"/>) and the resolved ones (ending
    /// then, or <c>minFiring</c> after their first post if that is later); null when there is none.
    /// </summary>
    private AlertPost? Build(NotifyRelease release, string what, DateTimeOffset sentAt, TimeSpan ahead, IReadOnlyList<string> resolved)
    {
        var alerts = new JsonArray();
        var ending = resolved.Select(name => _firing[name]).Concat(_superseded).ToList();
        foreach (var firing in ending)
        {
            var earliest = (firing.FirstPostedAt ?? sentAt) + target.MinFiring;
            alerts.Add((JsonNode)Alert(release, firing, earliest > sentAt ? earliest : sentAt));
        }

        foreach (var name in resolved)
        {
            _firing.Remove(name);
        }

        _superseded.Clear();
        foreach (var firing in _firing.Values)
        {
            firing.FirstPostedAt ??= sentAt;
            alerts.Add((JsonNode)Alert(release, firing, sentAt + ahead));
        }

        if (alerts.Count == 0)
        {
            return null;
        }

        var summary = $"{_firing.Count} firing ({string.Join(", ", _firing.Values.Select(f => $"{f.Check} {f.Stage}"))}), {ending.Count} resolved"
            + (ending.Count > 0 ? $" ({string.Join(", ", ending.Select(f => $"{f.Check} {f.Stage}"))})" : "");
        return new AlertPost(what, summary, alerts);
    }

    private JsonObject Alert(NotifyRelease release, Firing firing, DateTimeOffset endsAt)
    {
        var labels = new JsonObject { ["alertname"] = AlertName };
        foreach (var (name, value) in target.Labels)
        {
            labels[name] = value;
        }

        Label(labels, "service", release.Service);
        Label(labels, "namespace", release.Namespace);
        Label(labels, "release", release.Release);
        labels["check"] = firing.Check;
        labels["stage"] = firing.Stage;
        labels["severity"] = NotifySeverity.Of(checks.GetValueOrDefault(firing.Check), firing.Stage, release.DryRun, target.Severities);
        if (release.DryRun)
        {
            labels["dry_run"] = "true";
        }

        var annotations = new JsonObject
        {
            ["summary"] = $"{release.Mark}{release.Describe()}: check {firing.Check}: {(firing.Stage == "failed" ? "failed verification" : "early warning")}",
            ["description"] = firing.Reason,
            ["stage"] = firing.Stage,
        };
        if (release.Links.GetValueOrDefault(firing.Check) is { } links)
        {
            Label(annotations, "runbook_url", links.Runbook?.ToString());
            Label(annotations, "dashboard_url", links.Dashboard?.ToString());
        }

        var alert = new JsonObject
        {
            ["labels"] = labels,
            ["annotations"] = annotations,
            ["startsAt"] = firing.StartsAt.UtcDateTime.ToString("O"),
            ["endsAt"] = endsAt.UtcDateTime.ToString("O"),
        };
        if (release.RunUrl is { } run)
        {
            alert["generatorURL"] = run.ToString();
            annotations["run_url"] = run.ToString();
        }

        return alert;
    }

    private static void Label(JsonObject labels, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            labels[name] = value;
        }
    }
}

/// <summary>One post to Alertmanager's <c>/api/v2/alerts</c>.</summary>
/// <param name="Event">What it tells of: earlyWarning, repost, verdict or resolved.</param>
/// <param name="Summary">"1 firing (restarts failed), 1 resolved (restarts warning)", for the report.</param>
/// <param name="Alerts">The alerts, as the API takes them.</param>
public sealed record AlertPost(string Event, string Summary, JsonArray Alerts);
