using System.Net.Http.Headers;
using DeployVerifier.Checklists;

namespace DeployVerifier.Prometheus;

/// <summary>
/// Builds a <see cref="PrometheusClient"/> from the checklist's <c>prometheus</c> settings: the HTTP handler (proxy
/// from <c>HTTP_PROXY</c>/<c>HTTPS_PROXY</c>/<c>NO_PROXY</c>, extra CA bundle), the default headers and credentials.
/// Every problem with the settings is reported at once as a <see cref="PrometheusConfigurationException"/>.
/// </summary>
public static class PrometheusClientFactory
{
    private const string UserAgent = "deploy-verifier";

    /// <param name="settings">The checklist's <c>prometheus</c> section.</param>
    /// <param name="url">The resolved base address (settings, flag or <c>PROMETHEUS_URL</c>).</param>
    /// <param name="getEnvironmentVariable">Reads the variables the settings name for headers and credentials.</param>
    /// <param name="timeProvider">The clock for retries and timeouts.</param>
    /// <param name="retry">Retry behaviour; <see langword="null"/> takes the defaults of <see cref="PrometheusRetryOptions"/>.</param>
    public static PrometheusClient Create(
        PrometheusSettings settings,
        Uri url,
        Func<string, string?> getEnvironmentVariable,
        TimeProvider timeProvider,
        PrometheusRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Settings are checked before the handler exists so a bad variable leaks no sockets.
        var headers = HttpAuthHeaders.Resolve(settings.Auth, "prometheus", getEnvironmentVariable);
        Validate(settings, url);
        return Create(headers, settings, url, timeProvider, retry, PrometheusHttpHandler.Create(settings));
    }

    /// <summary>Builds the client over a given handler; tests pass a stub that serves canned answers.</summary>
    internal static PrometheusClient Create(
        PrometheusSettings settings,
        Uri url,
        Func<string, string?> getEnvironmentVariable,
        TimeProvider timeProvider,
        PrometheusRetryOptions? retry,
        HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var headers = HttpAuthHeaders.Resolve(settings.Auth, "prometheus", getEnvironmentVariable);
        Validate(settings, url);
        return Create(headers, settings, url, timeProvider, retry, handler);
    }

    private static PrometheusClient Create(
        IReadOnlyList<KeyValuePair<string, string>> headers,
        PrometheusSettings settings,
        Uri url,
        TimeProvider timeProvider,
        PrometheusRetryOptions? retry,
        HttpMessageHandler handler)
    {
        // The attempt timeout runs on the injected clock; HttpClient's own would run on the wall clock.
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue(UserAgent, null));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in headers)
        {
            http.DefaultRequestHeaders.Add(name, value);
        }

        return new PrometheusClient(http, url, settings.Timeout, retry ?? new PrometheusRetryOptions(), timeProvider);
    }

    private static void Validate(PrometheusSettings settings, Uri url)
    {
        var errors = new List<string>();
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("the Prometheus address must be an absolute http or https URL");
        }

        // Polly's timeout accepts 10 ms to 1 day; a value outside is a typo, not an intention.
        if (settings.Timeout < TimeSpan.FromMilliseconds(10) || settings.Timeout > TimeSpan.FromDays(1))
        {
            errors.Add($"prometheus.timeout must be between 10ms and 1d, not {settings.Timeout}");
        }

        if (errors.Count > 0)
        {
            throw new PrometheusConfigurationException(string.Join("; ", errors));
        }
    }
}
