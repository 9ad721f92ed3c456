namespace DeployVerifier.Cli.Rollbacks;

/// <summary>
/// The HTTP client the rollback actions share. It follows no redirect: a POST that a 302 turns into a GET would be
/// reported as a rollback that succeeded, and the headers (tokens) would go to whatever host the redirect names.
/// It has no timeout of its own: each action applies its configured one on the injected clock.
/// </summary>
internal static class RollbackHttp
{
    public static HttpClient Create() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The words for a redirect the rollback did not follow, naming the target's host (never its user info or path).</summary>
    public static string? DescribeRedirect(HttpResponseMessage response, Uri requested)
    {
        var status = (int)response.StatusCode;
        if (status is < 300 or > 399)
        {
            return null;
        }

        var target = response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location : new Uri(requested, location)).Authority
            : "nowhere (no Location header)";
        return $"answered {status} {response.ReasonPhrase}, redirecting to {target} — redirects are not followed; point the webhook at the final URL";
    }
}
