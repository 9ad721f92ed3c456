using System.Globalization;
using DeployVerifier.Backtests;
using DeployVerifier.Quantities;

namespace DeployVerifier.Tuning;

/// <summary>A tune's proposal in words: the console's lines, and the Markdown a pull request carries.</summary>
public static class TuneText
{
    /// <summary>The console's account, line by line.</summary>
    public static IEnumerable<string> Lines(TuneResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (before, after) = result.AsLabelled;
        yield return $"Judged as labelled: {before} of {result.Labelled} with the checklist as it is; {after} of {result.Labelled} tuned.";
        foreach (var left in result.Releases.Where(r => !r.Finished))
        {
            yield return $"Left out ({left.LeftOut}): {Name(left.Candidate)}.";
        }

        foreach (var ours in result.Releases.Where(r => r.Candidate.RolledBackByVerifier))
        {
            yield return $"Left out (rolled back by deploy-verifier itself, so its label would repeat the checklist's verdict): {Name(ours.Candidate)}.";
        }

        if (result.Changes.Count == 0 && result.Tolerances.Count == 0)
        {
            yield return "No value moves.";
        }
        else
        {
            yield return "Values that move:";
            foreach (var change in result.Changes.Concat(result.Tolerances))
            {
                yield return $"  {change.Check} {change.Key}: {change.Before} -> {change.After}{Why(result, change)}";
            }
        }

        var flips = result.Releases.Where(r => r.Flips).ToList();
        if (flips.Count > 0)
        {
            yield return "Releases whose verdict changes:";
            foreach (var release in flips)
            {
                yield return $"  {Rfc3339.Format(release.Candidate.Release.StartedAt)}  {Name(release.Candidate)}: {Judged(release, release.Before)} -> "
                    + $"{Judged(release, release.After)} (labelled {Label(release)})";
            }
        }

        foreach (var miss in result.Missed)
        {
            yield return Missed(miss);
        }

        foreach (var good in result.Unfixable)
        {
            yield return $"Not separable: {Name(good)} (labelled passed) fails however loose the values are.";
        }

        foreach (var wrong in result.Releases.Where(r => r.Finished && r.Label is not null && !r.AsLabelled(r.After)
            && !result.Missed.Any(m => m.Candidate == r.Candidate) && !result.Unfixable.Contains(r.Candidate)))
        {
            var late = wrong.After.Late is { } why ? $" ({why})" : "";
            yield return $"Still judged otherwise: {Name(wrong.Candidate)} is {wrong.After.Verdict.ToWord()}{late}, labelled {Label(wrong)}: {wrong.After.Reason}";
        }

        var flipped = result.LeaveOneOutReleases.Count > 0 ? $" ({string.Join(", ", result.LeaveOneOutReleases)})" : "";
        yield return $"Leave-one-out: {result.LeaveOneOutFlips} of {result.Labelled} labelled releases would be judged otherwise with every value tuned without them{flipped}; "
            + "each value's own count above has only that value tuned without them. A count above 0 means the value rests on those releases: label more.";
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Every candidate value was judged on the data of the releases' first judgement: {result.Requests:N0} queries, and {result.RequestsAfterFirstJudgement:N0} more ")
            + string.Create(CultureInfo.InvariantCulture, $"for soak extensions only a looser value reached; {result.LeakFits:N0} leak tests fitted, each once.");
    }

    /// <summary>The proposal as Markdown: what moves and why, and the releases whose verdict changes.</summary>
    public static string Markdown(TuneResult result, string checklist, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (before, after) = result.AsLabelled;
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Tuned thresholds for `{checklist}`").AppendLine();
        if (result.Missed.Count > 0 || result.Unfixable.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"**Warning: {result.Missed.Count + result.Unfixable.Count} labelled release(s) no value separates** (below): check their labels before merging.").AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Judged as labelled: **{before} of {result.Labelled}** as it is, **{after} of {result.Labelled}** tuned. "
            + $"Leave-one-out: {result.LeaveOneOutFlips} of {result.Labelled} would flip.").AppendLine();
        text.AppendLine("| check | key | before | after | why | leave-one-out flips |").AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var change in result.Changes.Concat(result.Tolerances))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {change.Check} | `{change.Key}` | {change.Before} | {change.After} | {Why(result, change, leaveOneOut: false).TrimStart(' ', '(').TrimEnd(')')} | {(change.Follows is null && change.Key != "tolerance" ? change.LeaveOneOutFlips : "")} |");
        }

        var flips = result.Releases.Where(r => r.Flips).ToList();
        if (flips.Count > 0)
        {
            text.AppendLine().AppendLine("| release | started | label | before | after |").AppendLine("| --- | --- | --- | --- | --- |");
            foreach (var release in flips)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {Name(release.Candidate)} | {Rfc3339.Format(release.Candidate.Release.StartedAt)} | "
                    + $"{(release.Label is null ? "—" : Label(release))} | {Judged(release, release.Before)} | {Judged(release, release.After)} |");
            }
        }

        foreach (var line in Lines(result).Where(l => l.StartsWith("Not separable", StringComparison.Ordinal) || l.StartsWith("Still", StringComparison.Ordinal)))
        {
            text.AppendLine().AppendLine(line);
        }

        if (notes is { Count: > 0 })
        {
            text.AppendLine();
            foreach (var note in notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- Note: {note}");
            }
        }

        return text.ToString();
    }

    private static string Why(TuneResult result, TunedValue change, bool leaveOneOut = true)
    {
        if (change.Follows is { } follows)
        {
            return $" (moves with {follows})";
        }

        if (change.Key == "tolerance")
        {
            return " (the smallest that keeps every good release passing at the values above)";
        }

        // The figures are values of the setting itself (with the baseline's bounds moving along), not values a release showed.
        var parts = new List<string>();
        var moving = result.Changes.Any(c => c.Check == change.Check && c.Follows == change.Key) ? ", the baseline's bounds moving with it" : "";
        string FailsWith(string? at) => change.Setting is { HigherIsStricter: true } ? $"{change.Key} at {at} or more" : $"{change.Key} below {at}";
        if (change.ClosestGood is { } good)
        {
            parts.Add($"the closest good release, {good}, would fail with {FailsWith(change.ClosestGoodAt)}{moving}");
        }

        if (change.Catches.Count > 0)
        {
            var closest = change.ClosestBad is { } bad ? $" (the closest, {bad}, is caught with {FailsWith(change.ClosestBadAt)})" : "";
            var named = change.Catches.Count <= 5 ? string.Join(", ", change.Catches) : $"{string.Join(", ", change.Catches.Take(4))} and {change.Catches.Count - 4} more";
            parts.Add($"catches {named}{closest}");
        }

        if (result.Tolerances.FirstOrDefault(t => t.Check == change.Check) is { } tolerance)
        {
            parts.Add($"measured at its tolerance before tuning, {tolerance.Before}");
        }

        if (leaveOneOut)
        {
            parts.Add($"leave-one-out: {change.LeaveOneOutFlips} flip{(change.LeaveOneOutFlips == 1 ? "" : "s")}");
        }

        return $" ({string.Join("; ", parts)})";
    }

    /// <summary>A bad release no value catches (in time): the check that came closest, or the one that fails it only after its deadline.</summary>
    private static string Missed(TuneMiss miss)
    {
        var below = miss.HigherIsStricter ? "at" : "below";
        var deadline = miss.Candidate.Deadline is { } d ? PromDuration.Format(d) : null;
        var labelled = deadline is null ? "labelled bad" : $"labelled bad within {deadline}";
        var what = deadline is null ? "passes every value that passes the good releases" : "is failed by its deadline at no value that passes the good releases";
        if (miss.FailedAfter is { } after)
        {
            var allowed = miss.Blocker is null ? "the strictest value searched, which every good release passes" : $"the strictest value the good release {miss.Blocker} passes";
            return $"Not separable: {Name(miss.Candidate)} ({labelled}) {what}; closest: {miss.ClosestCheck} failed it at +{PromDuration.Format(after)}, "
                + $"after its {deadline} deadline, with {miss.ClosestKey} {below} about {miss.NeedsAbout} ({allowed}).";
        }

        var byDeadline = deadline is null ? "" : $" by its {deadline} deadline";
        var closest = miss.ClosestCheck is null ? $"no check fails it{byDeadline} at any value searched"
            : $"closest: {miss.ClosestCheck}, which would catch it{byDeadline} with {miss.ClosestKey} {below} about {miss.NeedsAbout}"
              + (miss.Blocker is null ? "" : $", but the good release {miss.Blocker} fails with {miss.ClosestKey} {below} about {miss.BlockerFailsAbout}");
        return $"Not separable: {Name(miss.Candidate)} ({labelled}) {what}; {closest}.";
    }

    /// <summary>A verdict, with when it was decided where the label gives a deadline (<c>failed at +25m</c>).</summary>
    private static string Judged(TuneRelease release, BacktestResult result) =>
        release.Label is not null && release.Candidate.Deadline is not null && result.DecidedAfter is { } after && result.Verdict != BacktestVerdict.Passed
            ? $"{result.Verdict.ToWord()} at +{PromDuration.Format(after)}"
            : result.Verdict.ToWord();

    private static string Label(TuneRelease release) => release.Label is { } label ? ReleaseDeadline.Words(label, release.Candidate.Deadline) : "nothing";

    private static string Name(BacktestCandidate candidate) => candidate.Name.Length > 0 ? candidate.Name : Rfc3339.Format(candidate.Release.StartedAt);
}
