using System.Collections.Frozen;
using DeployVerifier.Checklists;

namespace DeployVerifier.Prometheus.Tests.Support;

/// <summary>Test data with sensible defaults.</summary>
internal static class Some
{
    public static readonly Uri Url = new("http://prometheus.test:9090");

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Retries without waiting, for tests that count attempts rather than watch the clock.</summary>
    public static readonly PrometheusRetryOptions InstantRetry = new() { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, MaxRetryAfter = TimeSpan.Zero };

    public static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static PrometheusSettings Settings(
        IReadOnlyDictionary<string, string>? headers = null,
        IReadOnlyDictionary<string, string>? headersFromEnv = null,
        string? bearerTokenEnv = null,
        BasicAuthSettings? basicAuth = null,
        TimeSpan? timeout = null,
        string? caFile = null) =>
        new(Url, headers ?? FrozenDictionary<string, string>.Empty, headersFromEnv ?? FrozenDictionary<string, string>.Empty,
            bearerTokenEnv, basicAuth, timeout ?? Timeout, caFile);

    public static PrometheusClient Client(
        StubPrometheusHandler handler,
        PrometheusRetryOptions? retry = null,
        TimeProvider? time = null,
        PrometheusSettings? settings = null,
        Uri? url = null,
        Func<string, string?>? environment = null) =>
        PrometheusClientFactory.Create(settings ?? Settings(), url ?? Url, environment ?? (_ => null), time ?? TimeProvider.System, retry ?? InstantRetry, handler);
}
