using System.Text.Json;
using System.Text.Json.Nodes;
using DeployVerifier.Checklists;
using DeployVerifier.Notifications;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Atlassian Statuspage, opt in: on a failed verdict only (never an early warning, never with <c>--dry-run</c>) the
/// component is set to its configured status and an incident opened with a plain-words message; both are resolved
/// when the rollback succeeded. Auth is <c>Authorization: OAuth &lt;key&gt;</c>.
/// </summary>
internal sealed class StatuspageNotifier(StatuspageTarget target, INotifySender sender, Func<string, string?> environment) : INotifyTarget
{
    public string Name => "statuspage";

    private string? _incidentId;
    private bool _opened;

    public async Task HandleAsync(NotifyNotice notice, CancellationToken cancellationToken)
    {
        if (notice.Release.DryRun)
        {
            return;
        }

        switch (notice)
        {
            case VerdictNotice { Failed: true }:
                if (Headers(notice, "verdict") is not { } headers)
                {
                    return;
                }

                _opened = true;
                await sender.SendAsync(Request("verdict", HttpMethod.Patch, Component, ComponentBody(target.ComponentStatus), headers,
                    $"component {target.ComponentId} set to {target.ComponentStatus}", notice), cancellationToken).ConfigureAwait(false);
                var incident = StatuspagePayload.OpenIncident(notice.Release, target.ComponentId, target.ComponentStatus);
                var answer = await sender.SendAsync(Request("verdict", HttpMethod.Post, Pages("incidents"), incident.ToJsonString(), headers,
                    "incident opened", notice), cancellationToken).ConfigureAwait(false);
                _incidentId = IncidentId(answer.Body);
                break;
            case RollbackNotice { Rollback.Succeeded: true } when _opened:
                if (Headers(notice, "rollback") is not { } auth)
                {
                    return;
                }

                if (_incidentId is { } id)
                {
                    var resolve = StatuspagePayload.ResolveIncident(target.ComponentId);
                    await sender.SendAsync(Request("rollback", HttpMethod.Patch, Pages($"incidents/{Uri.EscapeDataString(id)}"), resolve.ToJsonString(), auth,
                        $"incident {id} resolved", notice), cancellationToken).ConfigureAwait(false);
                }

                await sender.SendAsync(Request("rollback", HttpMethod.Patch, Component, ComponentBody("operational"), auth,
                    $"component {target.ComponentId} set to operational", notice), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private Uri Component => Pages($"components/{Uri.EscapeDataString(target.ComponentId)}");

    private Uri Pages(string rest) => new(target.ApiUrl, $"pages/{Uri.EscapeDataString(target.PageId)}/{rest}");

    private static string ComponentBody(string status) => StatuspagePayload.Component(status).ToJsonString();

    private NotifyRequest Request(string what, HttpMethod method, Uri url, string body, IReadOnlyList<KeyValuePair<string, string>> headers, string summary,
        NotifyNotice notice) =>
        new("statuspage", what, method, url, body, headers, target.Timeout, summary, notice.At)
        {
            // A PATCH sets a state and may be repeated; a POST opens an incident, and the first may have arrived.
            Idempotent = method == HttpMethod.Patch,
        };

    private IReadOnlyList<KeyValuePair<string, string>>? Headers(NotifyNotice notice, string what)
    {
        if (SecretUrl.Headers(new Dictionary<string, string> { ["Authorization"] = target.TokenEnv }, environment, out var problem) is not [var key])
        {
            sender.Unsendable("statuspage", what, $"status page not updated: {problem}", notice.At);
            return null;
        }

        return [new("Authorization", $"OAuth {key.Value}")];
    }

    private static string? IncidentId(string? body)
    {
        try
        {
            return body is null ? null : JsonNode.Parse(body)?["id"]?.GetValue<string>();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
