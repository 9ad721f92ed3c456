using System.Text.Json.Nodes;
using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Notifications;
using DeployVerifier.Prometheus;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Alertmanager's v2 API at one address (each address given is a target of its own, with its own queue, so a hanging
/// one never delays another). One alert per check and stage: a <c>stage</c> label, <c>warning</c> or <c>failed</c>, so a
/// warning turning into a failure is a new notification, and the same post resolves the warning. A firing alert is
/// posted again at every evaluation with <c>endsAt</c> a few intervals ahead, since Alertmanager resolves an alert it
/// stops hearing of; it is resolved when the check recovers, the release passes or the rollback succeeded, but never
/// before <see cref="MinFiring"/> after it was first posted, so a failure rolled back in a second still reaches someone. A
/// failed release not rolled back keeps its alert for <see cref="AlertmanagerTarget.KeepFailedFor"/> (a dry run's, for
/// <see cref="MinFiring"/> only, with severity <c>info</c> and <c>dry_run="true"</c>). Every <c>endsAt</c> is computed
/// when the post is sent.
/// </summary>
internal sealed class AlertmanagerNotifier(AlertmanagerTarget target, Uri address, INotifySender sender, Func<string, string?> environment,
    IReadOnlyDictionary<string, CheckDefinition> checks, TimeProvider time) : INotifyTarget
{
    public string Name => "alertmanager";

    public string? Address => address.Authority;

    /// <summary>The alert's name: one per check; its <c>stage</c> label tells the warning from the failure.</summary>
    public const string AlertName = "DeployVerifierCheckFailing";

    /// <summary>How many intervals ahead a firing alert's <c>endsAt</c> lies: 3, and at least 30 s.</summary>
    public const int IntervalsAhead = 3;

    /// <summary>How long an alert stays firing at least, from its first post (<see cref="AlertmanagerTarget.MinFiring"/>).</summary>
    private TimeSpan MinFiring => target.MinFiring;

    private readonly Dictionary<string, Firing> _firing = new(StringComparer.Ordinal);

    /// <summary>Alerts to resolve with the next post: a warning that became a failure.</summary>
    private readonly List<Firing> _superseded = [];

    private sealed record Firing(string Check, string Stage, string Reason, DateTimeOffset StartsAt)
    {
        /// <summary>When it was first posted; null until it is.</summary>
        public DateTimeOffset? FirstPostedAt { get; set; }
    }

    public async Task HandleAsync(NotifyNotice notice, CancellationToken cancellationToken)
    {
        switch (notice)
        {
            case EvaluationNotice evaluation when target.Events.Contains(NotifyEvent.EarlyWarning):
                var now = evaluation.Warnings.ToDictionary(w => w.Check, StringComparer.Ordinal);
                var resolved = _firing.Keys.Where(k => !now.ContainsKey(k)).ToList();
                foreach (var warning in evaluation.Warnings)
                {
                    Fire(warning.Check, "warning", warning.Reason, notice.At);
                }

                var ahead = TimeSpan.FromTicks(Math.Max(evaluation.Interval.Ticks * IntervalsAhead, TimeSpan.FromSeconds(30).Ticks));
                await PostAsync(notice, evaluation.New.Count > 0 ? "earlyWarning" : "repost", ahead, resolved, cancellationToken).ConfigureAwait(false);
                break;
            case VerdictNotice verdict when verdict.Failed && target.Events.Contains(NotifyEvent.Verdict):
                var failed = verdict.Outcome.Checks.Where(c => c.Outcome == CheckOutcome.Failed).ToList();
                var recovered = _firing.Keys.Where(k => failed.All(f => f.Check.Name != k)).ToList();
                foreach (var check in failed)
                {
                    Fire(check.Check.Name, "failed", check.Reason, notice.At);
                }

                // Alertmanager keeps the latest end it was told of until an alert is resolved outright, so a failure that a
                // rollback will follow ends after minFiring (then resolves by itself, never sooner), and is extended to
                // keepFailedFor only if the rollback does not succeed.
                var expectRollback = notice.Release.DryRun || notice.Release.RollbackExpected;
                await PostAsync(notice, "verdict", expectRollback ? MinFiring : target.KeepFailedFor, recovered, cancellationToken).ConfigureAwait(false);
                break;
            case VerdictNotice verdict when !verdict.Failed:
                await ResolveAllAsync(notice, cancellationToken).ConfigureAwait(false);
                break;
            case RollbackNotice rollback when rollback.Rollback.Succeeded:
                await ResolveAllAsync(notice, cancellationToken).ConfigureAwait(false);
                break;
            case RollbackNotice when !notice.Release.DryRun && _firing.Count > 0:
                await PostAsync(notice, "repost", target.KeepFailedFor, [], cancellationToken).ConfigureAwait(false);
                break;
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

    private async Task ResolveAllAsync(NotifyNotice notice, CancellationToken cancellationToken)
    {
        var all = _firing.Keys.ToList();
        if (all.Count > 0 || _superseded.Count > 0)
        {
            await PostAsync(notice, "resolved", TimeSpan.Zero, all, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Posts every firing alert (ending <paramref name="ahead"/> from now) and the resolved ones (ending now, or
    /// <see cref="MinFiring"/> after their first post if that is later).
    /// </summary>
    private async Task PostAsync(NotifyNotice notice, string what, TimeSpan ahead, IReadOnlyList<string> resolved, CancellationToken cancellationToken)
    {
        var sentAt = time.GetUtcNow();
        var alerts = new JsonArray();
        var ending = resolved.Select(name => _firing[name]).Concat(_superseded).ToList();
        foreach (var firing in ending)
        {
            var earliest = (firing.FirstPostedAt ?? sentAt) + MinFiring;
            alerts.Add(Alert(notice.Release, firing, earliest > sentAt ? earliest : sentAt));
        }

        foreach (var name in resolved)
        {
            _firing.Remove(name);
        }

        _superseded.Clear();
        foreach (var firing in _firing.Values)
        {
            firing.FirstPostedAt ??= sentAt;
            alerts.Add(Alert(notice.Release, firing, sentAt + ahead));
        }

        if (alerts.Count == 0)
        {
            return;
        }

        var summary = $"{_firing.Count} firing ({string.Join(", ", _firing.Values.Select(f => $"{f.Check} {f.Stage}"))}), {ending.Count} resolved"
            + (ending.Count > 0 ? $" ({string.Join(", ", ending.Select(f => $"{f.Check} {f.Stage}"))})" : "");
        IReadOnlyList<KeyValuePair<string, string>> headers;
        try
        {
            headers = PrometheusRequestHeaders.Resolve(Auth(), environment);
        }
        catch (PrometheusConfigurationException exception)
        {
            // Reported like a refused request: a missing token must not stop the verification.
            var failing = exception.Message.Replace("prometheus.", "notify.alertmanager.", StringComparison.Ordinal);
            sender.Unsendable("alertmanager", what, $"{summary}: not sent: {failing}", notice.At);
            return;
        }

        await sender.SendAsync(Request(address, what, alerts.ToJsonString(), headers, summary, notice), cancellationToken).ConfigureAwait(false);
    }

    private NotifyRequest Request(Uri url, string what, string body, IReadOnlyList<KeyValuePair<string, string>> headers, string summary, NotifyNotice notice) =>
        new("alertmanager", what, HttpMethod.Post, new Uri(new Uri(url.ToString().TrimEnd('/') + "/"), "api/v2/alerts"), body, headers, target.Timeout,
            summary, notice.At)
        {
            Idempotent = true,
        };

    private PrometheusSettings Auth() =>
        new(null, target.Headers, target.HeadersFromEnv, target.BearerTokenEnv, target.BasicAuth, target.Timeout, null);

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

        var stage = firing.Stage == "failed" ? "failed verification" : "early warning";
        var alert = new JsonObject
        {
            ["labels"] = labels,
            ["annotations"] = new JsonObject
            {
                ["summary"] = $"{release.Mark}{release.Describe()}: check {firing.Check}: {stage}",
                ["description"] = firing.Reason,
                ["stage"] = firing.Stage,
            },
            ["startsAt"] = firing.StartsAt.UtcDateTime.ToString("O"),
            ["endsAt"] = endsAt.UtcDateTime.ToString("O"),
        };
        var annotations = (JsonObject)alert["annotations"]!;
        if (release.Links.GetValueOrDefault(firing.Check) is { } links)
        {
            Annotate(annotations, "runbook_url", links.Runbook);
            Annotate(annotations, "dashboard_url", links.Dashboard);
        }

        if (release.RunUrl is { } run)
        {
            alert["generatorURL"] = run.ToString();
            annotations["run_url"] = run.ToString();
        }

        return alert;
    }

    private static void Annotate(JsonObject annotations, string name, Uri? link)
    {
        if (link is not null)
        {
            annotations[name] = link.ToString();
        }
    }

    private static void Label(JsonObject labels, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            labels[name] = value;
        }
    }
}
