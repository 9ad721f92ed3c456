using DeployVerifier.Checklists;

namespace DeployVerifier.Cli.Notifications;

/// <summary>A webhook URL read from an environment variable: a secret, so a problem with it never quotes it.</summary>
internal static class SecretUrl
{
    /// <summary>The URL, or null with what is wrong, naming the variable only.</summary>
    public static Uri? Read(string variable, Func<string, string?> environment, out string? problem)
    {
        var value = environment(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = $"environment variable {variable} is {(value is null ? "not set" : "empty")}";
            return null;
        }

        if (HttpAddress.Parse(value.Trim(), "", out _) is not { } url)
        {
            problem = $"environment variable {variable} does not hold an absolute http or https URL without user info";
            return null;
        }

        problem = null;
        return url;
    }

    /// <summary>Headers whose values come from environment variables; null with the problem (naming the variable) when one is missing or can't be sent.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? Headers(IReadOnlyDictionary<string, string> fromEnv, Func<string, string?> environment, out string? problem)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, variable) in fromEnv)
        {
            if (environment(variable) is not { Length: > 0 } value)
            {
                problem = $"environment variable {variable} (header {name}) is not set";
                return null;
            }

            if (HeaderValue.Problem(value) is { } bad)
            {
                problem = $"environment variable {variable} (header {name}) {bad}";
                return null;
            }

            headers.Add(new(name, value));
        }

        problem = null;
        return headers;
    }
}
