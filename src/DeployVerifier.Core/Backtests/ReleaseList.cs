using DeployVerifier.Checklists;
using DeployVerifier.Quantities;

namespace DeployVerifier.Backtests;

/// <summary>
/// Reads a <c>--releases</c> file: one release per line, an RFC 3339 start, optionally the verdict it should get
/// (<c>passed</c>, <c>failed</c> or <c>not-passed</c>), for a bad one optionally <c>within DURATION</c> (its deadline,
/// <see cref="ReleaseDeadline"/>), and a name (the rest of the line); <c>#</c> starts a comment and blank lines are
/// skipped. Every bad line is reported at once, with its line number.
/// </summary>
public static class ReleaseList
{
    /// <summary>The word that gives a bad release its deadline: <c>failed within 30m</c>.</summary>
    private const string Within = "within";

    /// <summary>The entries in file order, or every error.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="path">The file's name, for the errors' places.</param>
    public static (IReadOnlyList<ReleaseListEntry> Entries, IReadOnlyList<ChecklistError> Errors) Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<ReleaseListEntry>();
        var errors = new List<ChecklistError>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var content = (hash >= 0 ? line[..hash] : line).Trim();
            if (content.Length == 0)
            {
                continue;
            }

            var at = new SourceLocation(path, i + 1, 1);
            var fields = content.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (Rfc3339.Parse(fields[0]) is not { } time)
            {
                errors.Add(new ChecklistError($"'{fields[0]}' is not an RFC 3339 time with a zone; start the line with the release's start, like 2024-08-16T13:45:00Z", at));
                continue;
            }

            ExpectedVerdict? expected = null;
            TimeSpan? deadline = null;
            string? name = null;
            if (fields.Length > 1)
            {
                expected = BacktestWords.ParseExpected(fields[1]);
                if (expected is null)
                {
                    errors.Add(new ChecklistError(string.Equals(fields[1], Within, StringComparison.OrdinalIgnoreCase)
                        ? "'within' follows a verdict: write failed within 30m or not-passed within 30m after the time (a name can't begin with the word within)"
                        : $"'{fields[1]}' is not a verdict; after the time write passed, failed or not-passed (then a name, if any)", at));
                    continue;
                }

                name = fields.Length > 2 ? fields[2] : null;
                var words = name?.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
                if (words.Length > 0 && words[0] != Within && string.Equals(words[0], Within, StringComparison.OrdinalIgnoreCase))
                {
                    // Verdicts are lower case; a deadline written otherwise would silently become part of the name.
                    errors.Add(new ChecklistError($"'{words[0]}': write the deadline in lower case, like {expected.Value.ToWord()} within 30m (a name can't begin with the word within)", at));
                    continue;
                }

                if (words.Length > 0 && words[0] == Within)
                {
                    var duration = words.Length > 1 ? words[1] : null;
                    if (Deadline(expected.Value, duration, words.Length > 2 ? words[2] : null) is { } error)
                    {
                        errors.Add(new ChecklistError(error, at));
                        continue;
                    }

                    deadline = PromDuration.TryParse(duration, out var limit) ? limit : null;
                    name = words.Length > 2 ? words[2] : null;
                }
            }

            entries.Add(new ReleaseListEntry(i + 1, time, expected, name) { Deadline = deadline });
        }

        foreach (var twice in entries.GroupBy(e => e.At).Where(g => g.Count() > 1))
        {
            var first = twice.First();
            foreach (var again in twice.Skip(1))
            {
                errors.Add(new ChecklistError($"{Rfc3339.Format(again.At)} is listed already on line {first.Line}", new SourceLocation(path, again.Line, 1)));
            }
        }

        if (entries.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ChecklistError("lists no release; write one per line: an RFC 3339 start, optionally passed, failed or not-passed and a name",
                new SourceLocation(path, 0, 0)));
        }

        return (entries, errors);
    }

    /// <summary>What is wrong with <c>within <paramref name="duration"/></c> after <paramref name="expected"/>; null when nothing is.</summary>
    /// <param name="rest">What follows the duration on the line (the name), to tell a unit written apart from a missing duration.</param>
    private static string? Deadline(ExpectedVerdict expected, string? duration, string? rest)
    {
        if (expected == ExpectedVerdict.Passed)
        {
            var within = duration is null ? Within : $"{Within} {duration}";
            return $"'passed {within}': a good release has no deadline; drop '{within}', or label it failed or not-passed if it was bad";
        }

        if (duration is null)
        {
            return $"'within' needs a duration after it, like {expected.ToWord()} within 30m";
        }

        if (!PromDuration.TryParse(duration, out var limit))
        {
            var verdict = expected.ToWord();
            if (double.TryParse(duration, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                var unit = rest?.Split(' ', '\t')[0];
                return $"'{duration}{(unit is null ? "" : " " + unit)}' is not a duration: a number needs its unit joined to it, like {verdict} within {duration}m (s, m, h, d)";
            }

            return $"'{duration}' is not a duration; write the deadline like 30m or 1h30m before the name ({verdict} within 30m {duration}), "
                + "or, if the name begins with the word within, start it otherwise";
        }

        return limit <= TimeSpan.Zero
            ? $"a deadline of '{duration}' leaves no time to decide; give a positive duration like {expected.ToWord()} within 30m"
            : null;
    }
}
