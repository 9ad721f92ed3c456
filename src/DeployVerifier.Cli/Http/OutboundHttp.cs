using System.Net;
using System.Text;
using DeployVerifier.Prometheus;

namespace DeployVerifier.Cli.Http;

/// <summary>
/// The one way out to HTTP for rollbacks and notifications. The client follows no redirect: a POST that a 302 turns
/// into a GET would be reported as a success, and the headers (tokens) would go to whatever host the redirect names.
/// It has no timeout of its own: each request carries its own, on the injected clock. Every request has the tool's
/// User-Agent. What went wrong is told in words that name the host, never the path (a webhook's secret).
/// </summary>
internal static class OutboundHttp
{
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>A JSON request with the tool's User-Agent.</summary>
    public static HttpRequestMessage Json(HttpMethod method, Uri url, string body)
    {
        var message = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        message.Headers.UserAgent.Add(ToolInfo.UserAgent);
        return message;
    }

    /// <summary>
    /// Sends <paramref name="message"/> once, giving up after <paramref name="timeout"/> on <paramref name="time"/>; never
    /// throws but for <paramref name="cancellationToken"/>.
    /// </summary>
    public static async Task<OutboundAnswer> SendAsync(HttpClient http, HttpRequestMessage message, TimeSpan timeout, TimeProvider time,
        CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await http.SendAsync(message, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            var redirect = (int)response.StatusCode is >= 300 and <= 399
                ? response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location : new Uri(message.RequestUri!, location)).Authority
                    : "nowhere (no Location header)"
                : null;
            return new OutboundAnswer(response.StatusCode, response.ReasonPhrase, body, redirect, RetryAfterHeader.Read(response, time), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return OutboundAnswer.Failed($"timed out after {Quantities.PromDuration.Format(timeout)}", timedOut: true);
        }
        catch (HttpRequestException exception)
        {
            return OutboundAnswer.Failed(exception.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "the host name could not be resolved",
                HttpRequestError.ConnectionError => "could not connect",
                HttpRequestError.SecureConnectionError => "the TLS handshake failed",
                _ => "no answer",
            });
        }
    }
}

/// <summary>What came back from one request: an answer (any status), or what went wrong before one came.</summary>
/// <param name="Status">The answer's status; null when none came.</param>
/// <param name="Reason">Its reason phrase.</param>
/// <param name="Body">Its body.</param>
/// <param name="RedirectedTo">For a 3xx, the host it named (redirects are not followed); else null.</param>
/// <param name="RetryAfter">The wait a 429 or 503 asked for.</param>
/// <param name="Problem">Why no answer came ("timed out after 10s", "could not connect"); null when one did.</param>
internal sealed record OutboundAnswer(HttpStatusCode? Status, string? Reason, string Body, string? RedirectedTo, TimeSpan? RetryAfter, string? Problem)
{
    /// <summary>No answer came before the timeout.</summary>
    public bool TimedOut { get; init; }

    /// <summary>A 2xx answer.</summary>
    public bool Succeeded => Status is { } status && (int)status is >= 200 and <= 299;

    /// <summary>The answer is worth asking again for: no connection, 429 or 5xx (a timeout is the caller's call).</summary>
    public bool Transient => Status is null ? !TimedOut : (int)Status.Value >= 500 || Status == HttpStatusCode.TooManyRequests;

    public static OutboundAnswer Failed(string problem, bool timedOut = false) => new(null, null, "", null, null, problem) { TimedOut = timedOut };

    /// <summary>"answered 302 Found, redirecting to host — redirects are not followed; point {what} at the final URL", for a 3xx; else null.</summary>
    public string? Redirect(string what) => RedirectedTo is { } target
        ? $"answered {(int)Status!.Value} {Reason}, redirecting to {target} — redirects are not followed; point {what} at the final URL"
        : null;
}
