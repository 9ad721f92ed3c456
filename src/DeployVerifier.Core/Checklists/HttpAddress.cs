namespace DeployVerifier.Checklists;

/// <summary>
/// The one rule for an address the verifier calls (Prometheus from the checklist or a flag, the rollback webhook,
/// the Azure organization): absolute http or https, and without user info. Credentials in an address would be
/// printed wherever the address is, so they are refused, and a refused address is quoted without them.
/// </summary>
public static class HttpAddress
{
    /// <summary>The address, or null with what is wrong in words that never quote a password.</summary>
    /// <param name="text">The address as given.</param>
    /// <param name="credentialsHint">Where the credentials belong instead, e.g. "put them in prometheus.basicAuth".</param>
    /// <param name="problem">What is wrong, when the result is null.</param>
    public static Uri? Parse(string text, string credentialsHint, out string? problem)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            problem = string.IsNullOrEmpty(uri.UserInfo) ? null : $"'{WithoutUserInfo(text)}' holds credentials (user:password@); {credentialsHint}";
            return problem is null ? uri : null;
        }

        problem = $"'{WithoutUserInfo(text)}' is not an absolute http or https URL";
        return null;
    }

    /// <summary>The text with anything before an <c>@</c> in its authority replaced by <c>***</c>, even when it is no URL at all.</summary>
    public static string WithoutUserInfo(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var end = text.IndexOfAny(['/', '?', '#'], start);
        var authority = text[start..(end < 0 ? text.Length : end)];
        var at = authority.LastIndexOf('@');
        return at < 0 ? text : string.Concat(text.AsSpan(0, start), "***", text.AsSpan(start + at));
    }
}
