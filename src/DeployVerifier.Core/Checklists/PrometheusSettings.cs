namespace DeployVerifier.Checklists;

/// <summary>How to reach the store. Secrets are named by environment variable, never written in the file.</summary>
/// <param name="Url">The base address (e.g. <c>http://prometheus:9090</c> or a Mimir <c>.../prometheus</c> prefix); null until a flag or <c>PROMETHEUS_URL</c> gives one.</param>
/// <param name="Headers">Extra headers sent with every request, e.g. <c>X-Scope-OrgID</c>.</param>
/// <param name="HeadersFromEnv">Headers whose values are read from the named environment variables.</param>
/// <param name="BearerTokenEnv">The environment variable holding a bearer token.</param>
/// <param name="BasicAuth">Basic authentication, both parts from environment variables.</param>
/// <param name="Timeout">Per-request timeout; default 30 seconds.</param>
/// <param name="CaFile">A PEM bundle of extra certificate authorities for an internal server.</param>
public sealed record PrometheusSettings(
    Uri? Url,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> HeadersFromEnv,
    string? BearerTokenEnv,
    BasicAuthSettings? BasicAuth,
    TimeSpan Timeout,
    string? CaFile)
{
    /// <summary>
    /// <c>prometheus.patience</c>: how long the store may answer nothing (no connection, 408, 429, 5xx, timeouts) before
    /// the run gives up on it, counted from its last answer and shared by every request; default 2 minutes.
    /// </summary>
    public TimeSpan Patience { get; init; } = ChecklistDefaults.StorePatience;

    /// <summary>The headers and credentials every request carries.</summary>
    public HttpAuthSettings Auth => new(Headers, HeadersFromEnv, BearerTokenEnv, BasicAuth);
}

/// <summary>Basic authentication with the user name and password read from environment variables.</summary>
public sealed record BasicAuthSettings(string UsernameEnv, string PasswordEnv);
