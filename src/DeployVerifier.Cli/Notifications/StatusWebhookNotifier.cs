using System.Text.Json.Nodes;
using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Rollbacks;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// A generic status webhook: a JSON body per event (<c>event</c>, <c>verdict</c>, <c>status</c>, <c>message</c>,
/// <c>service</c>, <c>namespace</c>, <c>release</c>, <c>failedChecks</c>, <c>runUrl</c>, <c>dryRun</c>, <c>at</c>)
/// for status pages other than Statuspage.
/// </summary>
internal sealed class StatusWebhookNotifier(StatusWebhookTarget target, INotifySender sender, Func<string, string?> environment) : INotifyTarget
{
    public string Name => "webhook";

    public async Task HandleAsync(NotifyNotice notice, CancellationToken cancellationToken)
    {
        (NotifyEvent? @event, string? verdict, string status, string message, IReadOnlyList<string> failed) = notice switch
        {
            SoakStartedNotice s => (NotifyEvent.Started, (string?)null, "verifying", NotifyText.Started(s), (IReadOnlyList<string>)[]),
            EvaluationNotice { New.Count: > 0 } e => (NotifyEvent.EarlyWarning, null, "at-risk", NotifyText.EarlyWarning(e), e.New.Select(w => w.Check).ToList()),
            VerdictNotice v => (NotifyEvent.Verdict, NotifyText.VerdictWord(v),
                v.Failed ? "degraded" : v.Outcome.Verdict == Verdicts.Verdict.Inconclusive ? "inconclusive" : "operational", NotifyText.Verdict(v),
                v.Outcome.Checks.Where(c => c.Outcome == CheckOutcome.Failed).Select(c => c.Check.Name).ToList()),
            RollbackNotice { Rollback.State: RollbackOutcome.DoneState } r => (NotifyEvent.Rollback, "failed", r.Rollback.Succeeded ? "operational" : "degraded",
                NotifyText.Rollback(r), []),
            _ => ((NotifyEvent?)null, (string?)null, "", "", (IReadOnlyList<string>)[]),
        };
        if (@event is not { } value || !target.Events.Contains(value))
        {
            return;
        }

        var name = NotifyEvents.Name(value);
        var url = SecretUrl.Read(target.UrlEnv, environment, out var problem);
        var headers = SecretUrl.Headers(target.HeadersFromEnv, environment, out var headerProblem);
        if (url is null || headers is null)
        {
            sender.Unsendable("webhook", name, $"{status}: not sent: {problem ?? headerProblem}", notice.At);
            return;
        }

        var body = new JsonObject
        {
            ["event"] = name,
            ["verdict"] = verdict,
            ["status"] = status,
            ["message"] = message,
            ["service"] = notice.Release.Service,
            ["namespace"] = notice.Release.Namespace,
            ["release"] = notice.Release.Release,
            ["failedChecks"] = new JsonArray([.. failed.Select(f => (JsonNode?)JsonValue.Create(f))]),
            ["runUrl"] = notice.Release.RunUrl?.ToString(),
            ["dryRun"] = notice.Release.DryRun,
            ["at"] = notice.At.UtcDateTime.ToString("O"),
        };
        await sender.SendAsync(new NotifyRequest("webhook", name, HttpMethod.Post, url, body.ToJsonString(), headers, target.Timeout, $"{name}: {status}", notice.At),
            cancellationToken).ConfigureAwait(false);
    }
}
