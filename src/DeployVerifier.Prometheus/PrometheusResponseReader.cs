using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text.Json;
using DeployVerifier.Metrics;

namespace DeployVerifier.Prometheus;

/// <summary>
/// Turns one HTTP answer to a query into a result or a typed failure: the single place where status codes and
/// <c>errorType</c>s are judged. Transient failures come out as <see cref="TransientFailureException"/> for the retry
/// to see; the rest as <see cref="InvalidQueryException"/> or <see cref="MetricStoreUnavailableException"/>.
/// </summary>
internal static class PrometheusResponseReader
{
    // Prometheus's own errorTypes that a later attempt may not meet (see web/api/v1/api.go).
    private static readonly HashSet<string> TransientErrorTypes = new(StringComparer.Ordinal) { "timeout", "canceled", "internal", "unavailable" };

    /// <summary>The start of the description of an answer that is not the API's JSON: retried, as a broken answer may not recur.</summary>
    public const string Unparseable = "the answer could not be parsed as Prometheus JSON";

    /// <summary>Reads the answer as it arrives and judges it.</summary>
    public static async Task<QueryResult> ReadAsync(string query, HttpResponseMessage response, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var (answer, parseError) = await ParseAsync(response, cancellationToken).ConfigureAwait(false);
        return Judge(query, response, answer, parseError, retryAfter);
    }

    private static QueryResult Judge(string query, HttpResponseMessage response, PrometheusAnswer? answer, string? parseError, TimeSpan? retryAfter)
    {
        var status = (int)response.StatusCode;
        var errorType = answer?.ErrorType;
        var error = answer?.Error;

        if (status is >= 200 and <= 299)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            if (parseError is not null)
            {
                // A body cut short or garbled on the way is worth another attempt; a page is described as one.
                var page = mediaType == "text/html" ? " (it is text/html: is the address pointing at a proxy or login page instead of Prometheus?)" : "";
                throw new TransientFailureException($"{Unparseable}: {parseError}{page}", gotAnswer: true, unavailable: false);
            }

            if (answer is null)
            {
                throw new MetricStoreUnavailableException(
                    $"Prometheus answered query `{QueryText.Shorten(query)}` with HTTP {status} and {mediaType} that is not a " +
                    "Prometheus API response; is the address pointing at a proxy or login page instead of Prometheus?");
            }

            if (answer.Status == "success")
            {
                return ReadData(query, answer);
            }

            // Some stores answer errors with 200; judge them by errorType alone.
            errorType ??= "unknown";
            if (TransientErrorTypes.Contains(errorType))
            {
                throw new TransientFailureException(Describe(status, response.ReasonPhrase, errorType, error), gotAnswer: true);
            }

            throw new InvalidQueryException(query, errorType, error ?? "the server gave no reason");
        }

        if (status is 408 or 429 or >= 500)
        {
            var wait = status is 429 or 503 ? retryAfter : null;
            throw new TransientFailureException(Describe(status, response.ReasonPhrase, errorType, error), gotAnswer: true, wait);
        }

        if (status is >= 400 and <= 499)
        {
            throw new InvalidQueryException(
                query,
                errorType ?? HttpErrorType(response.StatusCode),
                error ?? $"HTTP {status} {response.ReasonPhrase}".TrimEnd());
        }

        throw new MetricStoreUnavailableException(
            $"Prometheus answered query `{QueryText.Shorten(query)}` with an unexpected {Describe(status, response.ReasonPhrase, errorType, error)}.");
    }

    private static QueryResult ReadData(string query, PrometheusAnswer answer)
    {
        var warnings = new List<string>();
        AddStrings(answer.Warnings, string.Empty, warnings);
        AddStrings(answer.Infos, "info: ", warnings);

        var resultType = answer.Data?.ResultType;
        if (answer.Data?.Result is not { } parts || resultType is null)
        {
            throw new TransientFailureException($"{Unparseable}: the answer has no data.result and data.resultType", gotAnswer: true, unavailable: false);
        }

        try
        {
            IReadOnlyList<Series> series = resultType switch
            {
                "matrix" or "vector" => [.. parts.Select(p => p.Series ?? throw new FormatException($"a {resultType} result holds a time or value, not a series"))],
                "scalar" when parts is [{ RawTime: { } raw } time, { Text: { } value }] =>
                    [new Series(Labels.Empty, [new Sample(PrometheusFormat.ParseTime(time.Seconds, raw), PrometheusFormat.ParseValue(value))])],
                "scalar" => throw new FormatException("a scalar result is not [time, \"value\"]"),
                "string" => throw new InvalidQueryException(query, "unsupported_result", "the query returns a string; checks need numbers"),
                var other => throw new MetricStoreUnavailableException(
                    $"Prometheus answered query `{QueryText.Shorten(query)}` with an unknown result type \"{other}\"."),
            };
            return new QueryResult(series, warnings) { ResultType = resultType };
        }
        catch (FormatException ex)
        {
            throw new TransientFailureException($"{Unparseable}: {ex.Message}", gotAnswer: true, inner: ex, unavailable: false);
        }
    }

    private static void AddStrings(JsonElement? array, string prefix, List<string> into)
    {
        if (array is { ValueKind: JsonValueKind.Array } strings)
        {
            into.AddRange(strings.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.String).Select(w => prefix + w.GetString()));
        }
    }

    /// <summary>
    /// The answer's envelope, read from the body as it arrives; null with no error when the body is JSON but not the
    /// API's envelope (no <c>status</c>), null with the parser's error when it is not JSON at all.
    /// </summary>
    private static async Task<(PrometheusAnswer? Answer, string? ParseError)> ParseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = PipeReader.Create(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            try
            {
                if (await FirstByteAsync(body, cancellationToken).ConfigureAwait(false) != (byte)'{')
                {
                    // Not an object: a page, a bare value or nothing. Read it whole (it is no result) to tell which.
                    var rest = await body.ReadAtLeastAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
                    var text = rest.Buffer.ToArray();
                    body.AdvanceTo(rest.Buffer.End);
                    return (null, JsonError(text));
                }

                var answer = await JsonSerializer.DeserializeAsync(body, PrometheusAnswerContext.Default.PrometheusAnswer, cancellationToken).ConfigureAwait(false);
                return (answer?.Status is null ? null : answer, null);
            }
            finally
            {
                await body.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            return (null, ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new TransientFailureException($"the connection broke while reading the answer: {ex.Message}", gotAnswer: true, inner: ex);
        }
        catch (InvalidDataException ex)
        {
            // AutomaticDecompression met a body that is not in the Content-Encoding the server named.
            throw new TransientFailureException(
                $"{Unparseable}: its body is not in the compression its Content-Encoding names ({ex.Message})", gotAnswer: true, inner: ex, unavailable: false);
        }
    }

    /// <summary>The body's first byte that is not JSON whitespace (0 for an empty body), left unread.</summary>
    private static async Task<byte> FirstByteAsync(PipeReader body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var skipped = 0L;
            foreach (var segment in buffer)
            {
                foreach (var b in segment.Span)
                {
                    if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                    {
                        body.AdvanceTo(buffer.GetPosition(skipped));
                        return b;
                    }

                    skipped++;
                }
            }

            body.AdvanceTo(buffer.End);
            if (read.IsCompleted)
            {
                return 0;
            }
        }
    }

    /// <summary>Null when <paramref name="body"/> is JSON, else why not.</summary>
    private static string? JsonError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    private static string Describe(int status, string? reason, string? errorType, string? error)
    {
        var http = $"HTTP {status} {reason}".TrimEnd();
        return error is null ? http : $"{http}: {errorType ?? "error"}: {error}";
    }

    private static string HttpErrorType(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "unauthorized",
        HttpStatusCode.Forbidden => "forbidden",
        HttpStatusCode.NotFound => "not_found",
        _ => $"http_{(int)status}",
    };
}
