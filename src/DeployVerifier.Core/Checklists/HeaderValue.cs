namespace DeployVerifier.Checklists;

/// <summary>
/// What an HTTP header value may hold, for every header the verifier sends (Prometheus and the rollback webhook,
/// written in the checklist or read from the environment): visible ASCII, spaces and tabs. A line break would start
/// another header; a non-ASCII character makes every request fail before it leaves, as if the server were down.
/// </summary>
public static class HeaderValue
{
    /// <summary>The rule in words, for messages.</summary>
    public const string Rule = "a header value may hold only visible ASCII characters, spaces and tabs";

    public static bool IsValid(string value) => value.All(c => c is '\t' or (>= ' ' and <= '~'));

    /// <summary>What is wrong with a value, in words that never quote it (it may be a secret); null when it is valid.</summary>
    public static string? Problem(string value)
    {
        if (IsValid(value))
        {
            return null;
        }

        var what = value.Any(c => c is '\r' or '\n') ? "a line break"
            : value.Any(char.IsControl) ? "a control character"
            : "a non-ASCII character";
        return $"holds {what}; {Rule}";
    }
}
