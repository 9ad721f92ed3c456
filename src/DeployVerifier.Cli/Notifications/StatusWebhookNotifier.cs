using DeployVerifier.Checklists;
using DeployVerifier.Notifications;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// A generic status webhook, for status pages other than Statuspage: the body <see cref="StatusWebhookPayload"/> builds,
/// per event the target chose.
/// </summary>
internal sealed class StatusWebhookNotifier(StatusWebhookTarget target, INotifySender sender, Func<string, string?> environment) : INotifyTarget
{
    public string Name => "webhook";

    public async Task HandleAsync(NotifyNotice notice, CancellationToken cancellationToken)
    {
        if (StatusWebhookPayload.For(notice) is not { } payload || !target.Events.Contains(payload.Event))
        {
            return;
        }

        var name = NotifyEventNames.Of(payload.Event);
        var url = SecretUrl.Read(target.UrlEnv, environment, out var problem);
        var headers = SecretUrl.Headers(target.HeadersFromEnv, environment, out var headerProblem);
        if (url is null || headers is null)
        {
            sender.Unsendable(Name, name, $"{payload.Status}: not sent: {problem ?? headerProblem}", notice.At);
            return;
        }

        await sender.SendAsync(new NotifyRequest(Name, name, HttpMethod.Post, url, payload.Body.ToJsonString(), headers, target.Timeout, $"{name}: {payload.Status}",
            notice.At), cancellationToken).ConfigureAwait(false);
    }
}
