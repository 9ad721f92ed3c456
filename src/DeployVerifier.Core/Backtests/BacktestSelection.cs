using DeployVerifier.Checklists;
using DeployVerifier.Quantities;
using DeployVerifier.Releases;

namespace DeployVerifier.Backtests;

/// <summary>
/// Which releases a backtest judges, from the releases <c>release.releases</c> found: those that started in a window,
/// or those a <c>--releases</c> file names, each time snapped as <c>--deployed-at</c> snaps (<see cref="ReleaseResolver.Snap"/>: a
/// release started within 5 minutes of it, either way).
/// </summary>
public static class BacktestSelection
{
    /// <summary>The range to list releases over for a window of starts: back far enough for the first one's predecessor, on far enough for the last one's successor.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) DiscoveryRange(DateTimeOffset from, DateTimeOffset to, TimeSpan soak, TimeSpan baselineWindow)
    {
        var back = baselineWindow > soak + ReleaseResolver.LookBack ? baselineWindow : soak + ReleaseResolver.LookBack;
        return (from - back, to + soak + ReleaseResolver.EarlyAllowance);
    }

    /// <summary>Every release whose start lies in <c>[from, to]</c>, oldest first.</summary>
    /// <param name="found">The releases found, oldest first.</param>
    /// <param name="from">The window's start.</param>
    /// <param name="to">The window's end.</param>
    public static IReadOnlyList<BacktestCandidate> InWindow(IReadOnlyList<Release> found, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(found);
        var candidates = new List<BacktestCandidate>();
        for (var i = 0; i < found.Count; i++)
        {
            if (found[i].StartedAt >= from && found[i].StartedAt <= to)
            {
                candidates.Add(new BacktestCandidate(found[i], i > 0 ? found[i - 1] : null, i + 1 < found.Count ? found[i + 1] : null, null));
            }
        }

        return candidates;
    }

    /// <summary>
    /// The release each line names: the newest that started within <see cref="ReleaseResolver.EarlyAllowance"/> of its
    /// time, as <c>--deployed-at</c> finds it (without waiting: the history is finished).
    /// A line that names none, or the release another line names, is an error with its line.
    /// </summary>
    /// <param name="found">The releases found, oldest first.</param>
    /// <param name="entries">The file's lines.</param>
    /// <param name="path">The file's name, for the errors' places.</param>
    public static (IReadOnlyList<BacktestCandidate> Candidates, IReadOnlyList<ChecklistError> Errors) FromList(IReadOnlyList<Release> found,
        IReadOnlyList<ReleaseListEntry> entries, string path)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(entries);
        var errors = new List<ChecklistError>();
        var named = new Dictionary<Release, ReleaseListEntry>();
        var candidates = new List<BacktestCandidate>();
        foreach (var entry in entries)
        {
            var at = new SourceLocation(path, entry.Line, 1);
            var time = Rfc3339.Format(entry.At);
            if (ReleaseResolver.Snap(found, entry.At) is not { } release)
            {
                var before = found.LastOrDefault(r => r.StartedAt < entry.At);
                var after = found.FirstOrDefault(r => r.StartedAt > entry.At);
                var near = string.Join(" and ", new[] { before is null ? null : $"the newest before is {ReleaseFinder.Describe(before)}",
                    after is null ? null : $"the first after is {ReleaseFinder.Describe(after)}" }.OfType<string>());
                errors.Add(new ChecklistError($"no release started within {PromDuration.Format(ReleaseResolver.EarlyAllowance)} of {time}"
                    + (near.Length > 0 ? $"; {near}: give its start" : "; no release was found around it"), at));
                continue;
            }

            if (named.TryGetValue(release, out var other))
            {
                errors.Add(new ChecklistError($"{time} names release {ReleaseFinder.Describe(release)}, as line {other.Line} does already", at));
                continue;
            }

            named[release] = entry;
            var index = IndexOf(found, release);
            candidates.Add(new BacktestCandidate(release, index > 0 ? found[index - 1] : null, index + 1 < found.Count ? found[index + 1] : null, entry));
        }

        return (errors.Count > 0 ? [] : [.. candidates.OrderBy(c => c.Release.StartedAt)], errors);
    }

    /// <summary>
    /// Without a release section, each line's time anchors a soak as <c>--deployed-at</c> does for a release not
    /// identified; the next line's time supersedes it.
    /// </summary>
    public static IReadOnlyList<BacktestCandidate> Unidentified(IReadOnlyList<ReleaseListEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sorted = entries.OrderBy(e => e.At).ToList();
        return [.. sorted.Select((e, i) => new BacktestCandidate(new Release(string.Empty, e.At), i > 0 ? new Release(string.Empty, sorted[i - 1].At) : null,
            i + 1 < sorted.Count ? new Release(string.Empty, sorted[i + 1].At) : null, e, Identified: false))];
    }

    private static int IndexOf(IReadOnlyList<Release> found, Release release)
    {
        for (var i = 0; i < found.Count; i++)
        {
            if (found[i] == release)
            {
                return i;
            }
        }

        return -1;
    }
}
