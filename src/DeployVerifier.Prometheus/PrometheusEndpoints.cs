namespace DeployVerifier.Prometheus;

/// <summary>
/// The addresses of the API under a base address that may carry a path prefix (Mimir's <c>/prometheus</c>,
/// VictoriaMetrics cluster's <c>/select/0/prometheus</c>).
/// </summary>
internal sealed class PrometheusEndpoints
{
    public PrometheusEndpoints(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The Prometheus address must be an absolute http or https URL.", nameof(baseAddress));
        }

        // User info is dropped so it can never reach a message; HttpClient would not send it anyway.
        var builder = new UriBuilder(baseAddress) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty };

        // Without a final slash, relative resolution would replace the prefix's last segment:
        // "/prometheus" + "api/v1/query" gives "/api/v1/query".
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        var root = builder.Uri;
        Query = new Uri(root, "api/v1/query");
        QueryRange = new Uri(root, "api/v1/query_range");
        Ready = new Uri(root, "-/ready");
        Display = root.AbsoluteUri.TrimEnd('/');
    }

    public Uri Query { get; }

    public Uri QueryRange { get; }

    public Uri Ready { get; }

    /// <summary>The base address for messages, without credentials.</summary>
    public string Display { get; }
}
