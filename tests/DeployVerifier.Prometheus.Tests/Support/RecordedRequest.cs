namespace DeployVerifier.Prometheus.Tests.Support;

/// <summary>A request as the stub saw it.</summary>
internal sealed record RecordedRequest(
    int Index,
    HttpMethod Method,
    Uri Uri,
    string? ContentType,
    IReadOnlyDictionary<string, string> Form,
    IReadOnlyDictionary<string, string> Headers);
