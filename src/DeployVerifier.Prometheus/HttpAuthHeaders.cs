using System.Net.Http.Headers;
using System.Text;
using DeployVerifier.Checklists;

namespace DeployVerifier.Prometheus;

/// <summary>
/// The headers an endpoint's requests carry (<see cref="HttpAuthSettings"/>: the store's, an Alertmanager's): fixed ones,
/// ones read from environment variables, and the credentials. Errors name the variable and the setting that names it
/// (under the section given, e.g. <c>notify.alertmanager</c>), never a value.
/// </summary>
public static class HttpAuthHeaders
{
    /// <summary>The headers; throws <see cref="PrometheusConfigurationException"/> naming every variable that is unset or unusable.</summary>
    /// <param name="settings">The headers and credentials.</param>
    /// <param name="section">The checklist section they come from, for messages: <c>prometheus</c>, <c>notify.alertmanager</c>.</param>
    /// <param name="getEnvironmentVariable">Reads the environment.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Resolve(HttpAuthSettings settings, string section, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);

        var headers = new List<KeyValuePair<string, string>>();
        var errors = new List<string>();

        foreach (var (name, value) in settings.Headers)
        {
            Add(name, value, $"{section}.headers.{name}");
        }

        foreach (var (name, variable) in settings.HeadersFromEnv)
        {
            if (ReadHeaderValue(variable, $"{section}.headersFromEnv.{name}") is { } value)
            {
                Add(name, value, $"{section}.headersFromEnv.{name}");
            }
        }

        if (settings.BearerTokenEnv is not null && settings.BasicAuth is not null)
        {
            errors.Add($"{section}.bearerTokenEnv and {section}.basicAuth can't both be set");
        }
        else if (settings.BearerTokenEnv is { } tokenVariable)
        {
            if (ReadHeaderValue(tokenVariable, $"{section}.bearerTokenEnv") is { } token)
            {
                Add("Authorization", Bearer(token), $"{section}.bearerTokenEnv");
            }
        }
        else if (settings.BasicAuth is { } basic)
        {
            var user = Read(basic.UsernameEnv, $"{section}.basicAuth.usernameEnv");
            var password = Read(basic.PasswordEnv, $"{section}.basicAuth.passwordEnv");
            if (user is not null && password is not null)
            {
                Add("Authorization", Basic(user, password), $"{section}.basicAuth");
            }
        }

        if (errors.Count > 0)
        {
            throw new PrometheusConfigurationException(string.Join("; ", errors));
        }

        return headers;

        string? Read(string variable, string setting)
        {
            var value = getEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(value))
            {
                errors.Add($"environment variable {variable} ({setting}) is {(value is null ? "not set" : "empty")}");
                return null;
            }

            return value;
        }

        // A value that goes into a header as it is must be one a header can carry; the error names the variable, never the value.
        string? ReadHeaderValue(string variable, string setting)
        {
            var value = Read(variable, setting);
            if (value is not null && HeaderValue.Problem(value) is { } problem)
            {
                errors.Add($"environment variable {variable} ({setting}) {problem}");
                return null;
            }

            return value;
        }

        void Add(string name, string value, string setting)
        {
            // A probe collection checks the header like the real one will, so a bad name fails here with its setting.
            using var probe = new HttpRequestMessage();
            if (headers.Exists(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"header {name} ({setting}) is set more than once");
            }
            else if (!IsValid(probe.Headers, name, value))
            {
                errors.Add($"header {name} ({setting}) is not a valid request header or its value has line breaks");
            }
            else
            {
                headers.Add(KeyValuePair.Create(name, value));
            }
        }
    }

    /// <summary>
    /// Every form in which the settings' secrets could be printed, for masking: each value read from the environment
    /// for a header or credentials, and the forms derived from it (<c>Bearer token</c>; <c>user:password</c>, its
    /// base64 and <c>Basic base64</c>). Unset variables are skipped; the user name alone is not a secret.
    /// </summary>
    public static IEnumerable<string> SecretValues(HttpAuthSettings settings, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        foreach (var variable in settings.HeadersFromEnv.Values)
        {
            if (getEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                yield return value;
            }
        }

        if (settings.BearerTokenEnv is { } tokenVariable && getEnvironmentVariable(tokenVariable) is { Length: > 0 } token)
        {
            yield return token;
            yield return Bearer(token);
        }

        if (settings.BasicAuth is { } basic && getEnvironmentVariable(basic.PasswordEnv) is { Length: > 0 } password)
        {
            yield return password;
            if (getEnvironmentVariable(basic.UsernameEnv) is { } user)
            {
                yield return $"{user}:{password}";
                yield return Base64(user, password);
                yield return Basic(user, password);
            }
        }
    }

    private static string Bearer(string token) => $"Bearer {token}";

    private static string Basic(string user, string password) => $"Basic {Base64(user, password)}";

    private static string Base64(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static bool IsValid(HttpRequestHeaders probe, string name, string value)
    {
        try
        {
            probe.Add(name, value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            return false;
        }
    }
}
