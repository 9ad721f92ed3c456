using System.Text.Json.Nodes;
using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Notifications;
using DeployVerifier.Prometheus;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Alertmanager's v2 API: one alert per failing (or early-warning) check, posted to every address given (Prometheus does
/// the same with a cluster). A firing alert is posted again at every evaluation with <c>endsAt</c> a few intervals ahead,
/// since Alertmanager resolves an alert it stops hearing of; it is resolved (posted with <c>endsAt</c> now) when the check
/// recovers, the release passes or the rollback succeeded; a failed release not rolled back keeps its alert for
/// <see cref="AlertmanagerTarget.KeepFailedFor"/>.
/// </summary>
internal sealed class AlertmanagerNotifier(AlertmanagerTarget target, INotifySender sender, Func<string, string?> environment,
    IReadOnlyDictionary<string, CheckDefinition> checks) : INotifyTarget
{
    public string Name => "alertmanager";

    /// <summary>The alert's name: one per check, whatever its stage (warning, failed), so Alertmanager sees one alert go through them.</summary>
    public const string AlertName = "DeployVerifierCheckFailing";

    /// <summary>How many intervals ahead a firing alert's <c>endsAt</c> lies: 3, and at least 30 s.</summary>
    public const int IntervalsAhead = 3;

    private readonly Dictionary<string, Firing> _firing = new(StringComparer.Ordinal);

    private sealed record Firing(string Check, string Stage, string Reason, DateTimeOffset StartsAt);

    public async Task HandleAsync(NotifyNotice notice, CancellationToken cancellationToken)
    {
        switch (notice)
        {
            case EvaluationNotice evaluation when target.Events.Contains(NotifyEvent.EarlyWarning):
                var now = evaluation.Warnings.ToDictionary(w => w.Check, StringComparer.Ordinal);
                var resolved = _firing.Keys.Where(k => !now.ContainsKey(k)).ToList();
                foreach (var warning in evaluation.Warnings)
                {
                    _firing[warning.Check] = new Firing(warning.Check, "warning", warning.Reason,
                        _firing.TryGetValue(warning.Check, out var before) ? before.StartsAt : notice.At);
                }

                var ahead = TimeSpan.FromTicks(Math.Max(evaluation.Interval.Ticks * IntervalsAhead, TimeSpan.FromSeconds(30).Ticks));
                await PostAsync(notice, evaluation.New.Count > 0 ? "earlyWarning" : "repost", notice.At + ahead, resolved, cancellationToken).ConfigureAwait(false);
                break;
            case VerdictNotice verdict when verdict.Failed && target.Events.Contains(NotifyEvent.Verdict):
                var failed = verdict.Outcome.Checks.Where(c => c.Outcome == CheckOutcome.Failed).ToList();
                var recovered = _firing.Keys.Where(k => failed.All(f => f.Check.Name != k)).ToList();
                foreach (var check in failed)
                {
                    _firing[check.Check.Name] = new Firing(check.Check.Name, "failed", check.Reason,
                        _firing.TryGetValue(check.Check.Name, out var before) ? before.StartsAt : notice.At);
                }

                await PostAsync(notice, "verdict", notice.At + target.KeepFailedFor, recovered, cancellationToken).ConfigureAwait(false);
                break;
            case VerdictNotice verdict when !verdict.Failed:
                await ResolveAllAsync(notice, cancellationToken).ConfigureAwait(false);
                break;
            case RollbackNotice rollback when rollback.Rollback.Succeeded:
                await ResolveAllAsync(notice, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task ResolveAllAsync(NotifyNotice notice, CancellationToken cancellationToken)
    {
        var all = _firing.Keys.ToList();
        if (all.Count > 0)
        {
            await PostAsync(notice, "resolved", notice.At, all, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Posts every firing alert (ending at <paramref name="endsAt"/>) and the resolved ones, in one request per address.</summary>
    private async Task PostAsync(NotifyNotice notice, string what, DateTimeOffset endsAt, IReadOnlyList<string> resolved, CancellationToken cancellationToken)
    {
        var alerts = new JsonArray();
        foreach (var name in resolved)
        {
            alerts.Add(Alert(notice.Release, _firing[name], notice.At));
            _firing.Remove(name);
        }

        foreach (var firing in _firing.Values)
        {
            alerts.Add(Alert(notice.Release, firing, endsAt));
        }

        if (alerts.Count == 0)
        {
            return;
        }

        var summary = $"{_firing.Count} firing ({string.Join(", ", _firing.Keys)}), {resolved.Count} resolved{(resolved.Count > 0 ? $" ({string.Join(", ", resolved)})" : "")}";
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

        var body = alerts.ToJsonString();
        await Task.WhenAll(target.Urls.Select(url => sender.SendAsync(Request(url, what, body, headers, summary, notice), cancellationToken))).ConfigureAwait(false);
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
        labels["severity"] = checks.TryGetValue(firing.Check, out var check) ? NotifySeverity.Of(check) : "fail";
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
        if (release.RunUrl is { } run)
        {
            alert["generatorURL"] = run.ToString();
            ((JsonObject)alert["annotations"]!)["run_url"] = run.ToString();
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
