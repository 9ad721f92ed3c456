using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DeployVerifier.Backtests;

/// <summary>
/// What tells two backtests' reports apart without carrying the inputs themselves: <c>sha256:</c> and the hex of
/// SHA-256 over a canonical text, so shards can be checked to come from one list, one checklist and one set of flags.
/// </summary>
public static class BacktestFingerprint
{
    /// <summary>
    /// The whole sorted list of releases, before sharding: one line per release, its start (UTC, to the tick), its
    /// name and, when a <c>--releases</c> file names it, the file's name for it and the verdict expected.
    /// </summary>
    public static string Of(IReadOnlyList<BacktestCandidate> releases)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var text = new StringBuilder();
        foreach (var candidate in releases)
        {
            text.Append(candidate.Release.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append('\t')
                .Append(candidate.Release.Name).Append('\t')
                .Append(candidate.Entry?.Name).Append('\t')
                .Append(candidate.Entry?.Expected?.ToWord());

            // Only a deadline adds its words, so a list without one keeps the fingerprint it always had.
            if (candidate.Deadline is { } deadline)
            {
                text.Append(" within ").Append(Quantities.PromDuration.Format(deadline));
            }

            // Only a labelled list adds the label, so an unlabelled list keeps the fingerprint it always had.
            if (candidate.Label is { } label)
            {
                text.Append('\t').Append(label.ToWord()).Append(candidate.RolledBackByVerifier ? "\tby-verifier" : "");
            }

            text.Append('\n');
        }

        return Of(text.ToString());
    }

    /// <summary>The placeholder values, in name order, as <c>NAME=VALUE</c> lines: hashed, since a value may be private.</summary>
    public static string Of(IReadOnlyDictionary<string, string> vars)
    {
        ArgumentNullException.ThrowIfNull(vars);
        return Of(string.Concat(vars.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}\n")));
    }

    /// <summary>A text, such as the checklist file's.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
