using System.Globalization;
using System.Text.RegularExpressions;

namespace DeployVerifier.Quantities;

/// <summary>
/// Points in time as flags and files give them: RFC 3339 with a zone (<c>2024-08-16T13:45:00Z</c>,
/// <c>2024-08-16T15:45:00+02:00</c>), never a local time that would depend on the machine's zone.
/// </summary>
public static partial class Rfc3339
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The time in UTC, or null when <paramref name="text"/> is not RFC 3339 with a zone.</summary>
    public static DateTimeOffset? Parse(string text) =>
        Pattern().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;

    /// <summary>How a time is written in messages and reports: <c>2024-08-16T13:45:00Z</c>.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
