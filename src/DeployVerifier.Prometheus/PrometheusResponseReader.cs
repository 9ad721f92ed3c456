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

    public static QueryResult Read(string query, HttpResponseMessage response, byte[] body, TimeSpan? retryAfter)
    {
        var status = (int)response.StatusCode;
        using var document = TryParseEnvelope(body, out var parseError);
        var envelope = document?.RootElement;
        var errorType = envelope is { } e1 ? GetString(e1, "errorType") : null;
        var error = envelope is { } e2 ? GetString(e2, "error") : null;

        if (status is >= 200 and <= 299)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            if (parseError is not null)
            {
                // A body cut short or garbled on the way is worth another attempt; a page is described as one.
                var page = mediaType == "text/html" ? " (it is text/html: is the address pointing at a proxy or login page instead of Prometheus?)" : "";
                throw new TransientFailureException($"{Unparseable}: {parseError}{page}", gotAnswer: true, unavailable: false);
            }

            if (envelope is not { } root)
            {
                throw new MetricStoreUnavailableException(
                    $"Prometheus answered query `{QueryText.Shorten(query)}` with HTTP {status} and {mediaType} that is not a " +
                    "Prometheus API response; is the address pointing at a proxy or login page instead of Prometheus?");
            }

            if (GetString(root, "status") == "success")
            {
                return ReadData(query, root);
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

    private static QueryResult ReadData(string query, JsonElement root)
    {
        var warnings = new List<string>();
        AddStrings(root, "warnings", string.Empty, warnings);
        AddStrings(root, "infos", "info: ", warnings);

        try
        {
            var data = root.GetProperty("data");
            var result = data.GetProperty("result");
            var resultType = data.GetProperty("resultType").GetString();
            IReadOnlyList<Series> series = resultType switch
            {
                "matrix" => [.. result.EnumerateArray().Select(s => new Series(ReadLabels(s), ReadSamples(s, "values")))],
                "vector" => [.. result.EnumerateArray().Select(s => new Series(ReadLabels(s), ReadSamples(s, "value")))],
                "scalar" => [new Series(Labels.Empty, [ReadSample(result)])],
                "string" => throw new InvalidQueryException(query, "unsupported_result", "the query returns a string; checks need numbers"),
                var other => throw new MetricStoreUnavailableException(
                    $"Prometheus answered query `{QueryText.Shorten(query)}` with an unknown result type \"{other}\"."),
            };
            return new QueryResult(series, warnings) { ResultType = resultType };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or IndexOutOfRangeException
            or OverflowException or ArgumentOutOfRangeException)
        {
            throw new TransientFailureException($"{Unparseable}: {ex.Message}", gotAnswer: true, inner: ex, unavailable: false);
        }
    }

    private static Labels ReadLabels(JsonElement series) =>
        series.TryGetProperty("metric", out var metric)
            ? new Labels(metric.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? string.Empty)))
            : Labels.Empty;

    // A native histogram comes under "histogram(s)" instead; such a series is kept without samples.
    private static Sample[] ReadSamples(JsonElement series, string property) =>
        !series.TryGetProperty(property, out var values) ? []
        : property == "value" ? [ReadSample(values)]
        : [.. values.EnumerateArray().Select(ReadSample)];

    private static Sample ReadSample(JsonElement pair) =>
        new(PrometheusFormat.ParseTime(pair[0]), PrometheusFormat.ParseValue(pair[1].GetString() ?? string.Empty));

    private static void AddStrings(JsonElement root, string property, string prefix, List<string> into)
    {
        if (root.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            into.AddRange(array.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.String).Select(w => prefix + w.GetString()));
        }
    }

    private static JsonDocument? TryParseEnvelope(byte[] body, out string? parseError)
    {
        parseError = null;
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && GetString(document.RootElement, "status") is not null)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException ex)
        {
            parseError = ex.Message;
            return null;
        }
    }

    private static string? GetString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

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
