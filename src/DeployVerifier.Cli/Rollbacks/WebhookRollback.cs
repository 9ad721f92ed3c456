using System.Text.Json.Nodes;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Http;
using DeployVerifier.Rollbacks;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>
/// Calls the rollback webhook with a JSON body that carries the verdict; any 2xx answer is success, a redirect is a
/// failure (see <see cref="OutboundHttp"/>). The timeout runs on the injected clock.
/// </summary>
internal sealed class WebhookRollback(RollbackWebhook webhook, HttpClient http, IEnvironment environment, TimeProvider time) : IRollbackAction
{
    public async Task<RollbackActionResult> RunAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        var what = $"webhook {webhook.Method} {webhook.Url.GetLeftPart(UriPartial.Path)}";
        using var message = OutboundHttp.Json(new HttpMethod(webhook.Method), webhook.Url, Body(request).ToJsonString());
        foreach (var (name, value) in webhook.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        foreach (var (name, variable) in webhook.HeadersFromEnv)
        {
            if (environment.Get(variable) is not { Length: > 0 } value)
            {
                return new RollbackActionResult("webhook", false, $"{what} not called: environment variable {variable} (header {name}) is not set");
            }

            if (HeaderValue.Problem(value) is { } problem)
            {
                return new RollbackActionResult("webhook", false, $"{what} not called: environment variable {variable} (header {name}) {problem}");
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        var answer = await OutboundHttp.SendAsync(http, message, webhook.Timeout, time, cancellationToken).ConfigureAwait(false);
        if (answer.Problem is { } failed)
        {
            return new RollbackActionResult("webhook", false, answer.TimedOut ? $"{what} {failed}" : $"{what} failed: {failed}");
        }

        if (answer.Redirect("the webhook") is { } redirect)
        {
            return new RollbackActionResult("webhook", false, $"{what} {redirect}");
        }

        var status = (int)answer.Status!.Value;
        return answer.Succeeded
            ? new RollbackActionResult("webhook", true, $"{what} answered {status}")
            : new RollbackActionResult("webhook", false, $"{what} answered {status} {answer.Reason}");
    }

    internal JsonObject Body(RollbackRequest request)
    {
        var values = RollbackPlaceholders.Values(request);
        if (webhook.Body is null)
        {
            return new JsonObject
            {
                ["verdict"] = request.Verdict,
                ["failedChecks"] = new JsonArray(request.FailedChecks.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
                ["reason"] = request.Reason,
                ["deployedAt"] = request.DeployedAt.ToString("O"),
                ["decidedAt"] = request.DecidedAt?.ToString("O"),
            };
        }

        var body = (JsonObject)webhook.Body.DeepClone();
        Substitute(body, values);
        return body;
    }

    private static void Substitute(JsonNode node, Dictionary<string, string> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[key] = Replace(text, values);
                    }
                    else if (obj[key] is { } child)
                    {
                        Substitute(child, values);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        array[i] = Replace(text, values);
                    }
                    else if (array[i] is { } child)
                    {
                        Substitute(child, values);
                    }
                }

                break;
        }
    }

    private static string Replace(string text, Dictionary<string, string> values) => RollbackPlaceholders.Replace(text, values);
}
