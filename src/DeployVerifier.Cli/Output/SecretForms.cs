namespace DeployVerifier.Cli.Output;

/// <summary>
/// The forms a secret can come back in. A target or a store that refuses a request often echoes what it was sent — a
/// 404 saying "Cannot POST /hook/WEBHOOKSECRET000" — so masking only the whole URL leaves its secret in the output. For a
/// URL, its path and query as a whole and each path segment or query value that looks like a token (at least 8
/// characters with a digit, or at least 20) are masked too, each also percent-encoded. Masking every segment would hide
/// words like "hook" everywhere; the host and port may show.
/// </summary>
internal static class SecretForms
{
    /// <summary>The shortest segment masked when it holds a digit: 8 characters.</summary>
    private const int TokenWithDigit = 8;

    /// <summary>The shortest segment masked whatever it holds: 20 characters.</summary>
    private const int LongToken = 20;

    /// <summary><paramref name="secret"/> and the forms derived from it, the secret first.</summary>
    public static IEnumerable<string> Of(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var forms = new List<string> { secret };
        if (Uri.TryCreate(secret.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            var pathAndQuery = url.PathAndQuery;
            if (pathAndQuery.Length > 1)
            {
                forms.Add(pathAndQuery);
            }

            if (url.AbsolutePath.Length > 1)
            {
                forms.Add(url.AbsolutePath);
            }

            if (url.Query.Length > 1)
            {
                forms.Add(url.Query[1..]);
            }

            var parts = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Concat(url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]));
            foreach (var part in parts.Select(Uri.UnescapeDataString).Where(LooksLikeAToken))
            {
                forms.Add(part);
            }
        }

        return forms.Concat(forms.Select(Uri.EscapeDataString)).Distinct(StringComparer.Ordinal);
    }

    private static bool LooksLikeAToken(string part) =>
        part.Length >= LongToken || (part.Length >= TokenWithDigit && part.Any(char.IsAsciiDigit));
}
