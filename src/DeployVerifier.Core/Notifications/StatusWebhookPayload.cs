using System.Text.Json.Nodes;
using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Rollbacks;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Notifications;

/// <summary>
/// The generic status webhook's body for a notice: <c>event</c>, <c>verdict</c>, <c>status</c> (<c>verifying</c>,
/// <c>at-risk</c>, <c>degraded</c>, <c>inconclusive</c>, <c>operational</c>), <c>message</c>, <c>service</c>,
/// <c>namespace</c>, <c>release</c>, <c>failedChecks</c>, <c>runUrl</c>, <c>dryRun</c>, <c>at</c>.
/// </summary>
/// <param name="Event">The event it tells of.</param>
/// <param name="Status">The status it reports.</param>
/// <param name="Body">The JSON body.</param>
public sealed record StatusWebhookPayload(NotifyEvent Event, string Status, JsonObject Body)
{
    /// <summary>The body for <paramref name="notice"/>, or null when the webhook is told nothing of it.</summary>
    public static StatusWebhookPayload? For(NotifyNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        (NotifyEvent @event, string? verdict, string status, string message, IReadOnlyList<string> failed)? what = notice switch
        {
            SoakStartedNotice s => (NotifyEvent.Started, null, "verifying", NotifyText.Started(s), []),
            EvaluationNotice { New.Count: > 0 } e => (NotifyEvent.EarlyWarning, null, "at-risk", NotifyText.EarlyWarning(e), [.. e.New.Select(w => w.Check)]),
            VerdictNotice v => (NotifyEvent.Verdict, NotifyText.VerdictWord(v),
                v.Failed ? "degraded" : v.Outcome.Verdict == Verdict.Inconclusive ? "inconclusive" : "operational", NotifyText.Verdict(v),
                [.. v.Outcome.Checks.Where(c => c.Outcome == CheckOutcome.Failed).Select(c => c.Check.Name)]),
            RollbackNotice { Rollback.State: RollbackOutcome.DoneState } r => (NotifyEvent.Rollback, "failed", r.Rollback.Succeeded ? "operational" : "degraded",
                NotifyText.Rollback(r), []),
            _ => null,
        };
        if (what is not var (value, verdictWord, statusWord, text, failedChecks))
        {
            return null;
        }

        var body = new JsonObject
        {
            ["event"] = NotifyEventNames.Of(value),
            ["verdict"] = verdictWord,
            ["status"] = statusWord,
            ["message"] = text,
            ["service"] = notice.Release.Service,
            ["namespace"] = notice.Release.Namespace,
            ["release"] = notice.Release.Release,
            ["failedChecks"] = new JsonArray([.. failedChecks.Select(f => (JsonNode?)JsonValue.Create(f))]),
            ["runUrl"] = notice.Release.RunUrl?.ToString(),
            ["dryRun"] = notice.Release.DryRun,
            ["at"] = notice.At.UtcDateTime.ToString("O"),
        };
        return new StatusWebhookPayload(value, statusWord, body);
    }
}
