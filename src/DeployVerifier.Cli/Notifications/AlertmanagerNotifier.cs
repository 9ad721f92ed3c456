using DeployVerifier.Checklists;
using DeployVerifier.Notifications;
using DeployVerifier.Prometheus;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Alertmanager's v2 API at one address: each address given is a target of its own, with its own queue, so a hanging
/// one never delays another. What to post is <see cref="AlertmanagerAlerts"/>'s; this sends it, with auth as for
/// Prometheus. Posts are idempotent (Alertmanager merges an alert it already has), so they are retried after a timeout.
/// </summary>
internal sealed class AlertmanagerNotifier(AlertmanagerTarget target, Uri address, INotifySender sender, Func<string, string?> environment,
    IReadOnlyDictionary<string, CheckDefinition> checks, TimeProvider time) : INotifyTarget
{
    private readonly AlertmanagerAlerts _alerts = new(target, checks);

    public string Name => "alertmanager";

    public string? Address => address.Authority;

    public async Task HandleAsync(NotifyNotice notice, CancellationToken cancellationToken)
    {
        if (_alerts.Post(notice, time.GetUtcNow()) is not { } post)
        {
            return;
        }

        IReadOnlyList<KeyValuePair<string, string>> headers;
        try
        {
            headers = HttpAuthHeaders.Resolve(target.Auth, "notify.alertmanager", environment);
        }
        catch (PrometheusConfigurationException exception)
        {
            // Reported like a refused request: a missing token must not stop the verification.
            sender.Unsendable(Name, post.Event, $"{post.Summary}: not sent: {exception.Message}", notice.At);
            return;
        }

        var url = new Uri(new Uri(address.ToString().TrimEnd('/') + "/"), "api/v2/alerts");
        await sender.SendAsync(new NotifyRequest(Name, post.Event, HttpMethod.Post, url, post.Alerts.ToJsonString(), headers, target.Timeout, post.Summary, notice.At)
        {
            Idempotent = true,
        }, cancellationToken).ConfigureAwait(false);
    }
}
