using System.Globalization;
using DeployVerifier.Cli.Http;
using DeployVerifier.Notifications;
using Polly;
using Polly.Retry;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Sends notify requests through <see cref="OutboundHttp"/>: no redirect is followed (so no header goes to another host),
/// every attempt has its timeout on the injected clock, and an answer the target refuses is quoted briefly (it is
/// redacted by the log). Retries are Polly's, with the request's own policy: at most
/// <see cref="Attempts"/> attempts, 1 s then 2 s apart (or as a 429's <c>Retry-After</c> asks, up to 10 s), for no
/// connection, 429 or 5xx, and after a timeout only for an idempotent request (<see cref="NotifyRequest.Idempotent"/>):
/// a chat message that timed out may have arrived, and is not sent again.
/// </summary>
internal sealed class HttpNotifySender : INotifySender
{
    /// <summary>Attempts per request: 3.</summary>
    public const int Attempts = 3;

    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>The longest wait a target's <c>Retry-After</c> is granted: 10 seconds (the flush after the rollback is 20 s).</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly NotificationLog _log;
    private readonly ResiliencePipeline<Attempt> _retry;

    public HttpNotifySender(HttpClient http, TimeProvider time, NotificationLog log)
    {
        _http = http;
        _time = time;
        _log = log;
        _retry = new ResiliencePipelineBuilder<Attempt> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Response: null, Retry: true }),
                MaxRetryAttempts = Attempts - 1,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Result?.RetryAfter is { } asked
                    ? TimeSpan.FromTicks(Math.Clamp(asked.Ticks, 0, MaxRetryAfter.Ticks))
                    : Backoff[Math.Min(args.AttemptNumber, Backoff.Length - 1)]),
            })
            .Build();
    }

    /// <summary>One attempt's outcome: the answer, or what went wrong and whether the request's policy allows another.</summary>
    private sealed record Attempt(NotifyResponse? Response, string? Problem, bool Retry, TimeSpan? RetryAfter = null);

    public async Task<NotifyResponse> SendAsync(NotifyRequest request, CancellationToken cancellationToken)
    {
        var where = $"{request.Method} {request.Url.Authority}";
        var attempts = 0;
        Attempt last;
        try
        {
            last = await _retry.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await TryOnceAsync(request, where, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            last = new Attempt(null, $"{where} was cancelled", false);
        }

        if (last.Response is { } response)
        {
            _log.Add(new NotificationSent(request.Target, request.Event, true, $"{request.Summary} ({where})", request.TriggeredAt, _time.GetUtcNow(), attempts));
            return response;
        }

        _log.Add(new NotificationSent(request.Target, request.Event, false, $"{request.Summary}: {last.Problem}", request.TriggeredAt, _time.GetUtcNow(), attempts));
        return new NotifyResponse(false, null);
    }

    public void Unsendable(string target, string @event, string problem, DateTimeOffset triggeredAt) =>
        _log.Add(new NotificationSent(target, @event, false, problem, triggeredAt, _time.GetUtcNow(), 0));

    private async Task<Attempt> TryOnceAsync(NotifyRequest request, string where, CancellationToken cancellationToken)
    {
        using var message = OutboundHttp.Json(request.Method, request.Url, request.Body);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var answer = await OutboundHttp.SendAsync(_http, message, request.Timeout, _time, cancellationToken).ConfigureAwait(false);
        if (answer.Problem is { } problem)
        {
            // A request that timed out may have arrived: only an idempotent one is sent again.
            return answer.TimedOut ? new Attempt(null, $"{where} {problem}", request.Idempotent) : new Attempt(null, $"{where} failed: {problem}", true);
        }

        if (answer.Redirect("the target") is { } redirect)
        {
            return new Attempt(null, $"{where} {redirect}", false);
        }

        if (answer.Succeeded)
        {
            return new Attempt(new NotifyResponse(true, answer.Body), null, false);
        }

        var said = answer.Body.Length > 200 ? answer.Body[..200] + "…" : answer.Body;
        return new Attempt(null, string.Create(CultureInfo.InvariantCulture, $"{where} answered {(int)answer.Status!.Value} {answer.Reason}: {said.ReplaceLineEndings(" ").Trim()}"),
            answer.Transient, answer.RetryAfter);
    }
}
