using System.Globalization;
using DeployVerifier.Checklists;
using DeployVerifier.Metrics;
using DeployVerifier.Quantities;

namespace DeployVerifier.Releases;

/// <summary>
/// Finds the release to judge. With <c>--deployed-at T</c>: the newest release that started within 5 minutes of T
/// (<see cref="Snap"/>); a release that started more than 5 minutes before T is not T's release, so no soak window
/// starts before T − 5 min. Live, the run waits for one to start (<see cref="ReleaseWait"/>). If none does, the newest
/// release whose instances include one that started since T − 5 min is judged, anchored at T (after a
/// <c>kubectl rollout undo</c>, the old ReplicaSet scaled up again). Without T: the newest release that started by now
/// and still has instances (an undo scales an old ReplicaSet up again without creating one), if it started within the
/// last soak + 1 h.
/// </summary>
public static class ReleaseResolver
{
    /// <summary>How far from <c>--deployed-at</c> a release's start may be, either way: 5 minutes.</summary>
    public static readonly TimeSpan EarlyAllowance = TimeSpan.FromMinutes(5);

    /// <summary>How much longer than the soak releases are looked back for: 1 hour.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromHours(1);

    /// <summary>How recently an instance must have answered for its release to count as still running: 1 minute.</summary>
    public static readonly TimeSpan Running = TimeSpan.FromMinutes(1);

    /// <summary>How many of the newest releases are searched for instances started since <c>--deployed-at</c>: 10.</summary>
    private const int InstancesSinceCandidates = 10;

    /// <summary>Throws <see cref="MetricStoreException"/> when the store can't answer.</summary>
    /// <param name="store">The store.</param>
    /// <param name="lookup">The rendered release section.</param>
    /// <param name="given">The <c>--deployed-at</c> given, if any.</param>
    /// <param name="now">The current time.</param>
    /// <param name="soak">The soak's length.</param>
    /// <param name="baselineWindow">How far before the release the previous release's instances are looked for.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    /// <param name="wait">Live only: how long to wait for the release of <paramref name="given"/> to start; null in a replay.</param>
    public static async Task<ReleaseResolution> ResolveAsync(IMetricStore store, ReleaseLookup lookup, DateTimeOffset? given, DateTimeOffset now,
        TimeSpan soak, TimeSpan baselineWindow, CancellationToken cancellationToken, ReleaseWait? wait = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(lookup);
        var anchor = given ?? now;
        var from = anchor - soak - LookBack;
        var to = given is { } t ? t + EarlyAllowance : now;
        var releases = await ReleaseFinder.ListAsync(store, lookup, from, to, cancellationToken).ConfigureAwait(false);
        Release? judged = null;
        string foundBy;
        string? note = null;
        if (given is { } deployedAt)
        {
            judged = Snap(releases, deployedAt);
            while (judged is null && wait is not null && wait.Time.GetUtcNow() < wait.Until)
            {
                // The release may not have started yet (the step began before the apply): look again until it may.
                await Task.Delay(ReleaseWait.PollEvery, wait.Time, cancellationToken).ConfigureAwait(false);
                releases = await ReleaseFinder.ListAsync(store, lookup, from, to, cancellationToken).ConfigureAwait(false);
                judged = Snap(releases, deployedAt);
            }

            now = wait?.Time.GetUtcNow() ?? now;
            foundBy = ReleaseInfo.ByDeployedAt;
            if (releases.Count == 0)
            {
                // A time before every release: look ahead for the release it probably meant, to name it.
                var after = await ReleaseFinder.ListAsync(store, lookup, to, deployedAt + soak + LookBack, cancellationToken)
                    .ConfigureAwait(false);
                return after.Count > 0 ? TooEarly(deployedAt, after[^1]) : NoneFound(lookup, from, to);
            }

            if (judged is null)
            {
                if (await InstancesSinceAsync(store, lookup, releases, deployedAt - EarlyAllowance, now, cancellationToken).ConfigureAwait(false)
                    is not { } scaled)
                {
                    return NoneSince(deployedAt, releases);
                }

                judged = scaled.Release with { StartedAt = deployedAt };
                foundBy = ReleaseInfo.ByInstancesSince;
                note = $"No release started within {PromDuration.Format(EarlyAllowance)} of --deployed-at {Time(deployedAt)}; judging "
                    + $"{ReleaseFinder.Describe(scaled.Release)}, whose instances {string.Join(", ", scaled.Instances)} started since "
                    + $"{Time(deployedAt - EarlyAllowance)} (an undo scales an old release up again), from --deployed-at on";
            }
            else if (judged.StartedAt != deployedAt)
            {
                note = $"Judging release {ReleaseFinder.Describe(judged)}, the newest started within {PromDuration.Format(EarlyAllowance)} of --deployed-at "
                    + $"{Time(deployedAt)}; the soak starts at the release's start";
            }
        }
        else
        {
            if (releases.Count == 0)
            {
                return NoneFound(lookup, from, to);
            }

            Release? running = null;
            foreach (var candidate in releases.Where(r => r.StartedAt <= now).Reverse())
            {
                if (await HasInstancesAsync(store, lookup, candidate, now, cancellationToken).ConfigureAwait(false))
                {
                    running = candidate;
                    break;
                }
            }

            if (running is null)
            {
                return Failure($"no release found since {Time(from)} still has instances (newest: {ReleaseFinder.Describe(releases[^1])}); "
                    + "pass --deployed-at with the rollout's start to judge a past release");
            }

            if (running.StartedAt < now - soak - LookBack)
            {
                return Failure($"the newest release with instances, {ReleaseFinder.Describe(running)}, started {PromDuration.Humanize(now - running.StartedAt)} ago, "
                    + $"longer than the soak + {PromDuration.Format(LookBack)}; pass --deployed-at to judge it anyway");
            }

            judged = running;
            foundBy = ReleaseInfo.ByLatest;
            note = $"Judging the newest release with instances, {ReleaseFinder.Describe(judged)}, {PromDuration.Humanize(now - judged.StartedAt)} ago"
                + (now - judged.StartedAt > TimeSpan.Zero ? "; the soak's past is replayed from history" : "");
        }

        // The previous release: the newest other one that started before the judged one's soak.
        var previous = releases.LastOrDefault(r => r.Name != judged.Name && r.StartedAt < judged.StartedAt);
        var previousInstances = previous is null
            ? []
            : await InstanceNamesAsync(store, lookup, previous, judged.StartedAt - baselineWindow, judged.StartedAt, cancellationToken).ConfigureAwait(false);
        return new ReleaseResolution(
            new ReleaseInfo(judged.Name, judged.StartedAt, foundBy, given),
            lookup.Target(judged.Name, previousInstances),
            note,
            null);
    }

    /// <summary>
    /// The release a deploy time <paramref name="given"/> names: the newest of <paramref name="releases"/> (oldest first)
    /// that started within <see cref="EarlyAllowance"/> of <paramref name="given"/>, either way; null when none did. A
    /// release that started earlier is not the one deployed at <paramref name="given"/>: judging it would judge a window
    /// before the deploy.
    /// </summary>
    public static Release? Snap(IReadOnlyList<Release> releases, DateTimeOffset given)
    {
        ArgumentNullException.ThrowIfNull(releases);
        return releases.LastOrDefault(r => r.StartedAt >= given - EarlyAllowance && r.StartedAt <= given + EarlyAllowance);
    }

    /// <summary>The instances <paramref name="previous"/> had in the baseline window before <paramref name="judged"/> started; throws <see cref="MetricStoreException"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="lookup">The rendered release section.</param>
    /// <param name="previous">The release before the judged one.</param>
    /// <param name="judged">The judged release.</param>
    /// <param name="baselineWindow">How far before the judged release's start the instances are looked for.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    public static Task<IReadOnlyList<string>> PreviousInstancesAsync(IMetricStore store, ReleaseLookup lookup, Release previous, Release judged,
        TimeSpan baselineWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(judged);
        return InstanceNamesAsync(store, lookup, previous, judged.StartedAt - baselineWindow, judged.StartedAt, cancellationToken);
    }

    private static async Task<bool> HasInstancesAsync(IMetricStore store, ReleaseLookup lookup, Release release, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var result = await store.QueryRangeAsync(lookup.InstancesQuery(release.Name), now - Running, now, TimeSpan.FromSeconds(15), cancellationToken)
            .ConfigureAwait(false);
        return result.Series.Any(s => s.Samples.Count > 0);
    }

    private static async Task<IReadOnlyList<string>> InstanceNamesAsync(IMetricStore store, ReleaseLookup lookup, Release release, DateTimeOffset from,
        DateTimeOffset to, CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromSeconds(Math.Max(15, Math.Ceiling((to - from).TotalSeconds / 1000)));
        var result = await store.QueryRangeAsync(lookup.InstancesQuery(release.Name), from, to, step, cancellationToken).ConfigureAwait(false);
        return result.Series.Where(s => s.Samples.Count > 0).Select(s => s.Labels[lookup.InstanceLabel]).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The newest of the releases (at most <see cref="InstancesSinceCandidates"/>) with an instance that started at or
    /// after <paramref name="since"/>: it had no sample before, and has one since.
    /// </summary>
    private static async Task<(Release Release, IReadOnlyList<string> Instances)?> InstancesSinceAsync(IMetricStore store, ReleaseLookup lookup,
        IReadOnlyList<Release> releases, DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromSeconds(15);
        var before = since - TimeSpan.FromMinutes(1);
        foreach (var release in releases.Reverse().Take(InstancesSinceCandidates))
        {
            var result = await store.QueryRangeAsync(lookup.InstancesQuery(release.Name), before, now, step, cancellationToken).ConfigureAwait(false);
            var started = result.Series
                .Where(s => s.Samples.Count > 0 && s.Samples[0].Time >= since)
                .Select(s => s.Labels[lookup.InstanceLabel]).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (started.Count > 0)
            {
                return (release, started);
            }
        }

        return null;
    }

    private static ReleaseResolution NoneSince(DateTimeOffset given, IReadOnlyList<Release> releases)
    {
        var newest = $"the newest found is {ReleaseFinder.Describe(releases[^1])}";
        return Failure($"no release started within {PromDuration.Format(EarlyAllowance)} of --deployed-at {Time(given)}, and no release has an instance "
            + $"started since {Time(given - EarlyAllowance)}: the deploy changed nothing, or --deployed-at is not the rollout's start; {newest}");
    }

    private static ReleaseResolution TooEarly(DateTimeOffset given, Release newest) =>
        Failure($"--deployed-at {Time(given)} is more than {PromDuration.Format(EarlyAllowance)} before every release found; "
            + $"the newest is {ReleaseFinder.Describe(newest)}: pass a time within {PromDuration.Format(EarlyAllowance)} of its start, or leave --deployed-at out");

    private static ReleaseResolution NoneFound(ReleaseLookup lookup, DateTimeOffset from, DateTimeOffset to) =>
        Failure($"release.releases found no release between {Time(from)} and {Time(to)}; check the query and the --var values "
            + $"it uses (query: {lookup.ReleasesQuery})");

    private static ReleaseResolution Failure(string message) => new(null, null, null, new ChecklistError(message));

    private static string Time(DateTimeOffset time) => Rfc3339.Format(time);
}
