namespace DeployVerifier.Checklists;

/// <summary>
/// What an endpoint's requests carry (<c>prometheus</c>, <c>notify.alertmanager</c>): fixed headers, headers whose values
/// come from environment variables, and the credentials, a bearer token or basic auth (never both).
/// </summary>
/// <param name="Headers">Literal headers.</param>
/// <param name="HeadersFromEnv">Header name → the environment variable holding its value.</param>
/// <param name="BearerTokenEnv">The environment variable holding a bearer token.</param>
/// <param name="BasicAuth">Basic authentication from environment variables.</param>
public sealed record HttpAuthSettings(
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> HeadersFromEnv,
    string? BearerTokenEnv,
    BasicAuthSettings? BasicAuth);
