using System.Globalization;
using System.Net;
using DeployVerifier.Metrics;
using Polly;
using Polly.Timeout;

namespace DeployVerifier.Prometheus;

/// <summary>
/// The metric store over Prometheus's HTTP API (and compatible stores: Thanos, Mimir, VictoriaMetrics). Queries are
/// POSTed as forms so long PromQL never overflows a URL. Transient failures are retried; once retries run out the
/// caller sees <see cref="MetricStoreUnavailableException"/>, and a refused query <see cref="InvalidQueryException"/>.
/// Build it with <see cref="PrometheusClientFactory"/>, which also applies headers, credentials and CA trust.
/// </summary>
public sealed class PrometheusClient : IMetricStore, IDisposable
{
    private const string ReadyFallbackQuery = "vector(1)";
    private const int MaxRedirects = 5;

    private readonly HttpClient _http;
    private readonly PrometheusEndpoints _endpoints;
    private readonly ResiliencePipeline _pipeline;
    private readonly ResiliencePipeline _readyPipeline;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _attemptTimeout;
    private readonly int _maxAttempts;
    private readonly TimeSpan? _patience;
    private long _requestCount;
    private long _lastAnswerTicks;
    private long _attemptsSinceAnswer;

    /// <param name="http">Sends the requests; owned and disposed by the client. Its own timeout should be infinite: the attempt timeout applies instead.</param>
    /// <param name="baseAddress">The store's address, with any path prefix (e.g. <c>http://mimir/prometheus</c>).</param>
    /// <param name="attemptTimeout">How long one attempt may take, reading the answer included.</param>
    /// <param name="retry">How often and how patiently to retry.</param>
    /// <param name="timeProvider">The clock for backoff delays, timeouts and <c>Retry-After</c> dates.</param>
    public PrometheusClient(HttpClient http, Uri baseAddress, TimeSpan attemptTimeout, PrometheusRetryOptions retry, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _http = http;
        _endpoints = new PrometheusEndpoints(baseAddress);
        _timeProvider = timeProvider;
        _attemptTimeout = attemptTimeout;
        _maxAttempts = retry.MaxAttempts;
        _patience = retry.Patience;
        _lastAnswerTicks = timeProvider.GetUtcNow().UtcTicks;
        _pipeline = PrometheusResiliencePipeline.Create(retry, attemptTimeout, timeProvider, Patient);

        // Whether the store is there at all is asked before anything is waited for: a wrong address fails in seconds.
        _readyPipeline = PrometheusResiliencePipeline.Create(retry with { Patience = null }, attemptTimeout, timeProvider);
    }

    /// <summary>Whether the run's patience lasts: the store answered within <see cref="PrometheusRetryOptions.Patience"/>.</summary>
    private bool Patient() =>
        _patience is { } patience && _timeProvider.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastAnswerTicks) < patience.Ticks;

    private void Answered()
    {
        Interlocked.Exchange(ref _lastAnswerTicks, _timeProvider.GetUtcNow().UtcTicks);
        Interlocked.Exchange(ref _attemptsSinceAnswer, 0);
    }

    /// <summary>HTTP requests actually sent so far, retries included.</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>The base address as messages show it, without credentials.</summary>
    public string Address => _endpoints.Display;

    public async Task CheckReadyAsync(CancellationToken cancellationToken)
    {
        bool hasReadyEndpoint;
        try
        {
            hasReadyEndpoint = await _readyPipeline.ExecuteAsync(static (client, token) => client.ProbeReadyAsync(token), this, cancellationToken).ConfigureAwait(false);
        }
        catch (TransientFailureException ex)
        {
            throw new MetricStoreUnavailableException(
                $"Prometheus at {Address} is {(ex.GotAnswer ? "not ready" : "not reachable")}: {ex.Message}{AfterAttempts()}", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new MetricStoreUnavailableException($"Prometheus at {Address} is not reachable: {NoAnswerWithin()}{AfterAttempts()}", ex);
        }

        if (hasReadyEndpoint)
        {
            return;
        }

        // Mimir, VictoriaMetrics and the managed services serve no /-/ready under the query prefix: a trivial query
        // proves the same thing there.
        try
        {
            await QueryAsync(ReadyFallbackQuery, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidQueryException ex) when (ex.ErrorType == "not_found")
        {
            // Neither /-/ready nor the query API is there: the path prefix is wrong, and waiting won't change it.
            throw new MetricStoreAddressException($"no Prometheus API at {Address}: check the path prefix ({ex.ServerMessage} for /-/ready and /api/v1/query)", ex);
        }
        catch (InvalidQueryException ex)
        {
            throw new MetricStoreUnavailableException(
                $"Prometheus at {Address} has no /-/ready and refuses the query {ReadyFallbackQuery} ({ex.Message}); is the address right?", ex);
        }
        catch (MetricStoreUnavailableException ex)
        {
            throw new MetricStoreUnavailableException($"Prometheus at {Address} is not reachable: {ex.Message}", ex);
        }
    }

    public Task<QueryResult> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        return RunQueryAsync(query, _endpoints.Query, [new("query", query), new("time", PrometheusFormat.Time(time))], cancellationToken);
    }

    public async Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var parts = new List<QueryResult>();
        foreach (var chunk in RangeQuerySplitter.Split(start, end, step))
        {
            parts.Add(await RunQueryAsync(
                query,
                _endpoints.QueryRange,
                [
                    new("query", query),
                    new("start", PrometheusFormat.Time(chunk.Start)),
                    new("end", PrometheusFormat.Time(chunk.End)),
                    new("step", PrometheusFormat.Step(step)),

                    // VictoriaMetrics moves a range of 50 points or more onto multiples of the step, for its cache, so its
                    // points would answer other times than the soak's grid; nocache=1 keeps them where they were asked.
                    // Prometheus, Thanos and Mimir ignore the parameter.
                    new("nocache", "1"),
                ],
                cancellationToken).ConfigureAwait(false));
        }

        return QueryResultMerger.Merge(parts);
    }

    public void Dispose() => _http.Dispose();

    private async Task<QueryResult> RunQueryAsync(string query, Uri endpoint, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _pipeline.ExecuteAsync(
                static (state, token) => state.Client.PostOnceAsync(state.Query, state.Endpoint, state.Form, token),
                (Client: this, Query: query, Endpoint: endpoint, Form: form),
                cancellationToken).ConfigureAwait(false);
            Answered();
            return result;
        }
        catch (InvalidQueryException)
        {
            Answered();
            throw;
        }
        catch (TransientFailureException ex)
        {
            throw new MetricStoreUnavailableException($"Prometheus query `{QueryText.Shorten(query)}` failed: {ex.Message}{GaveUp(ex.Unavailable)}", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new MetricStoreUnavailableException($"Prometheus query `{QueryText.Shorten(query)}` failed: {NoAnswerWithin()}{GaveUp(true)}", ex);
        }
    }

    private async ValueTask<QueryResult> PostOnceAsync(string query, Uri endpoint, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        using var response = await SendOnceAsync(HttpMethod.Post, endpoint, form, cancellationToken).ConfigureAwait(false);
        return await PrometheusResponseReader.ReadAsync(query, response, RetryAfterHeader.Read(response, _timeProvider), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when ready, false when there is no <c>/-/ready</c> to ask; throws when not ready.</summary>
    private async ValueTask<bool> ProbeReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await SendOnceAsync(HttpMethod.Get, _endpoints.Ready, null, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        var description = $"HTTP {status} {response.ReasonPhrase}".TrimEnd() + " at /-/ready";
        if (status is 408 or 429 or >= 500)
        {
            throw new TransientFailureException(description, gotAnswer: true, RetryAfterHeader.Read(response, _timeProvider));
        }

        throw new MetricStoreUnavailableException($"Prometheus at {Address} refuses the readiness check: {description}");
    }

    /// <summary>
    /// Sends one attempt. The handler follows no redirect: one on the same scheme, host and port is followed here with
    /// the same method, form and headers; one to another host is an address error naming it, since it would carry the
    /// credentials there and the verdict would be judged on that host's data under this one's name.
    /// </summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri uri, KeyValuePair<string, string>[]? form, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(method, uri) { Content = form is null ? null : new FormUrlEncodedContent(form) };
            Interlocked.Increment(ref _requestCount);
            Interlocked.Increment(ref _attemptsSinceAnswer);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new TransientFailureException(Describe(ex), gotAnswer: false, inner: ex);
            }

            if ((int)response.StatusCode is < 300 or > 399 || response.Headers.Location is not { } location)
            {
                return response;
            }

            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
            response.Dispose();
            var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
            var shown = target.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
            if (!IsSameOrigin(uri, target))
            {
                throw new MetricStoreAddressException(
                    $"Prometheus at {Address} answered {status}, redirecting to {shown}: a redirect to another host is not followed (the credentials " +
                    "would go there and the verdict would be judged on its data); set the Prometheus address to the one that answers");
            }

            if (redirects == MaxRedirects)
            {
                throw new MetricStoreAddressException($"Prometheus at {Address} redirected more than {MaxRedirects} times, last to {shown}");
            }

            uri = target;
        }
    }

    private static bool IsSameOrigin(Uri from, Uri to) =>
        to.Scheme == from.Scheme && to.Port == from.Port && string.Equals(to.Host, from.Host, StringComparison.OrdinalIgnoreCase);

    // The TLS failure's own message only says "see inner exception"; the inner one names the certificate problem.
    private static string Describe(HttpRequestException ex) =>
        ex.HttpRequestError == HttpRequestError.SecureConnectionError && ex.InnerException is { } inner
            ? $"{ex.Message.Replace(" See inner exception.", string.Empty, StringComparison.Ordinal)}: {inner.Message}"
            : ex.Message;

    private string NoAnswerWithin() =>
        $"no answer within {_attemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";

    private string AfterAttempts() => _maxAttempts > 1 ? $" (gave up after {_maxAttempts} attempts)" : string.Empty;

    /// <summary>Why the client stopped trying: the run's patience spent, or the attempts for an unreadable answer.</summary>
    private string GaveUp(bool unavailable) =>
        unavailable && _patience is { } patience
            ? string.Create(CultureInfo.InvariantCulture,
                $" (the store has answered nothing for {Math.Round((_timeProvider.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastAnswerTicks)) / (double)TimeSpan.TicksPerSecond)} s, "
                + $"{Interlocked.Read(ref _attemptsSinceAnswer)} attempts; patience {patience.TotalSeconds:0} s)")
            : AfterAttempts();
}
