using System.Globalization;
using System.Net;
using System.Text;
using DeployVerifier.Cli.Rollbacks;
using DeployVerifier.Notifications;
using DeployVerifier.Quantities;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Sends notify requests over HTTP with the rollback's rules (see <see cref="RollbackHttp"/>): no redirect is followed
/// (so no header goes to another host), every attempt has its timeout on the injected clock, and an answer the target
/// refuses is quoted briefly (it is redacted by the log). A failure is retried briefly: at most 3 attempts, 1 s and 2 s apart,
/// for no connection, 429 or 5xx, and after a timeout only for an idempotent request (<see cref="NotifyRequest.Idempotent"/>):
/// a chat message that timed out may have arrived, and is not sent again.
/// </summary>
internal sealed class HttpNotifySender(HttpClient http, TimeProvider time, NotificationLog log) : INotifySender
{
    /// <summary>Attempts per request: 3.</summary>
    public const int Attempts = 3;

    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public async Task<NotifyResponse> SendAsync(NotifyRequest request, CancellationToken cancellationToken)
    {
        var where = $"{request.Method} {request.Url.Authority}";
        string problem = "not sent";
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (response, failure, retry) = await TryOnceAsync(request, where, cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                log.Add(new NotificationSent(request.Target, request.Event, true, $"{request.Summary} ({where})", request.TriggeredAt, time.GetUtcNow(), attempt));
                return response;
            }

            problem = failure!;
            if (!retry || attempt == Attempts || cancellationToken.IsCancellationRequested)
            {
                log.Add(new NotificationSent(request.Target, request.Event, false, $"{request.Summary}: {problem}", request.TriggeredAt, time.GetUtcNow(), attempt));
                return new NotifyResponse(false, null);
            }

            try
            {
                await Task.Delay(Backoff[attempt - 1], time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        log.Add(new NotificationSent(request.Target, request.Event, false, $"{request.Summary}: {problem}", request.TriggeredAt, time.GetUtcNow(), Attempts));
        return new NotifyResponse(false, null);
    }

    public void Unsendable(string target, string @event, string problem, DateTimeOffset triggeredAt) =>
        log.Add(new NotificationSent(target, @event, false, problem, triggeredAt, time.GetUtcNow(), 0));

    private async Task<(NotifyResponse? Response, string? Problem, bool Retry)> TryOnceAsync(NotifyRequest request, string where, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.UserAgent.ParseAdd($"deploy-verifier/{CliContext.Version}");
        using var timeout = new CancellationTokenSource(request.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.SendAsync(message, linked.Token).ConfigureAwait(false);
            if (RollbackHttp.DescribeRedirect(response, request.Url) is { } redirect)
            {
                return (null, $"{where} {redirect.Replace("the webhook", "the target", StringComparison.Ordinal)}", false);
            }

            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (new NotifyResponse(true, body), null, false);
            }

            var status = (int)response.StatusCode;
            var said = body.Length > 200 ? body[..200] + "…" : body;
            var retry = status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
            return (null, string.Create(CultureInfo.InvariantCulture, $"{where} answered {status} {response.ReasonPhrase}: {said.ReplaceLineEndings(" ").Trim()}"), retry);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{where} timed out after {PromDuration.Format(request.Timeout)}", request.Idempotent);
        }
        catch (HttpRequestException exception)
        {
            // The message names the host and port, never the path (which may be the secret of a webhook URL).
            return (null, $"{where} failed: {exception.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "the host name could not be resolved",
                HttpRequestError.ConnectionError => "could not connect",
                HttpRequestError.SecureConnectionError => "the TLS handshake failed",
                _ => "no answer",
            }}", true);
        }
        catch (OperationCanceledException)
        {
            return (null, $"{where} was cancelled", false);
        }
    }
}
