using DeployVerifier.Checklists;
using DeployVerifier.Notifications;
using DeployVerifier.Rollbacks;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Slack or Teams: one concise message per event the target chose, in the tool's own format, verdict first. The
/// early warning is sent when a check enters it (not at every evaluation); the rollback's outcome only when one ran.
/// </summary>
internal sealed class ChatNotifier(string name, ChatTarget target, INotifySender sender, Func<string, string?> environment,
    Func<string, string, IReadOnlyList<NotifyLink>, string> format) : INotifyTarget
{
    public string Name => name;

    public static ChatNotifier Slack(ChatTarget target, INotifySender sender, Func<string, string?> environment) =>
        new("slack", target, sender, environment, (title, text, links) => SlackPayload.Build(text, links).ToJsonString());

    public static ChatNotifier Teams(ChatTarget target, INotifySender sender, Func<string, string?> environment) =>
        new("teams", target, sender, environment, (title, text, links) => TeamsPayload.Build(title, text, links).ToJsonString());

    public async Task HandleAsync(NotifyNotice notice, CancellationToken cancellationToken)
    {
        var (@event, title, text) = notice switch
        {
            SoakStartedNotice s => (NotifyEvent.Started, "Verification started", NotifyText.Started(s)),
            EvaluationNotice { New.Count: > 0 } e => (NotifyEvent.EarlyWarning, "Early warning", NotifyText.EarlyWarning(e)),
            VerdictNotice v => (NotifyEvent.Verdict, $"Release verification {NotifyText.VerdictWord(v)}", NotifyText.Verdict(v)),
            RollbackNotice { Rollback.State: RollbackOutcome.DoneState } r => (NotifyEvent.Rollback, r.Rollback.Succeeded ? "Rolled back" : "Rollback failed",
                NotifyText.Rollback(r)),
            _ => (default(NotifyEvent?), "", ""),
        };
        if (@event is not { } e2 || !target.Events.Contains(e2))
        {
            return;
        }

        var eventName = NotifyEventNames.Of(e2);
        if (SecretUrl.Read(target.UrlEnv, environment, out var problem) is not { } url)
        {
            sender.Unsendable(name, eventName, $"{Short(text)}: not sent: {problem}", notice.At);
            return;
        }

        var body = format(notice.Release.Mark + title, text, NotifyLink.For(notice.Release, Concerned(notice)));
        await sender.SendAsync(new NotifyRequest(name, eventName, HttpMethod.Post, url, body, [], target.Timeout, Short(text), notice.At), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The checks a notice is about: those entering an early warning, or those that failed the verdict.</summary>
    private static IEnumerable<string> Concerned(NotifyNotice notice) => notice switch
    {
        EvaluationNotice e => e.New.Select(w => w.Check),
        VerdictNotice v => v.Outcome.Checks.Where(c => c.Outcome == Evaluation.CheckOutcome.Failed).Select(c => c.Check.Name),
        _ => [],
    };

    private static string Short(string text) => text.Length <= 160 ? text : text[..159] + "…";
}
