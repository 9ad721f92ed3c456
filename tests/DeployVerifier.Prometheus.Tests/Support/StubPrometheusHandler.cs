using System.Net;
using System.Text;

namespace DeployVerifier.Prometheus.Tests.Support;

/// <summary>Serves canned answers in place of a Prometheus server and records what the client sent.</summary>
internal sealed class StubPrometheusHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> _respond;
    private readonly List<RecordedRequest> _requests = [];

    public StubPrometheusHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public StubPrometheusHandler(Func<RecordedRequest, HttpResponseMessage> respond)
        : this((request, _) => Task.FromResult(respond(request)))
    {
    }

    /// <summary>Answers the requests in turn with the given answers, repeating the last one.</summary>
    public static StubPrometheusHandler Sequence(params Func<HttpResponseMessage>[] answers) =>
        new(request => answers[Math.Min(request.Index, answers.Length - 1)]());

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        RecordedRequest recorded;
        lock (_requests)
        {
            recorded = new RecordedRequest(_requests.Count, request.Method, request.RequestUri!, request.Content?.Headers.ContentType?.MediaType, ParseForm(body), headers);
            _requests.Add(recorded);
        }

        return await _respond(recorded, cancellationToken);
    }

    private static Dictionary<string, string> ParseForm(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Decode(p[0]), p => p.Length > 1 ? Decode(p[1]) : string.Empty, StringComparer.Ordinal);

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
