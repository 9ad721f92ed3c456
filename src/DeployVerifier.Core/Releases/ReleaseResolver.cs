using System.Globalization;
using DeployVerifier.Checklists;
using DeployVerifier.Metrics;
using DeployVerifier.Quantities;

namespace DeployVerifier.Releases;

/// <summary>
/// Finds the release to judge. With <c>--deployed-at T</c>: the newest release that started no later than T + 5 min,
/// so a pipeline may hand over the time after <c>kubectl rollout status</c> (up to a soak late) or a little early.
/// Without it: the newest release that started by now and still has instances (a <c>kubectl rollout undo</c> scales an
/// old ReplicaSet up again without creating one), if it started within the last soak + 1 h.
/// </summary>
public static class ReleaseResolver
{
    /// <summary>How much earlier than the release's start <c>--deployed-at</c> may be: 5 minutes.</summary>
    public static readonly TimeSpan EarlyAllowance = TimeSpan.FromMinutes(5);

    /// <summary>How much longer than the soak releases are looked back for: 1 hour.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromHours(1);

    /// <summary>How recently an instance must have answered for its release to count as still running: 1 minute.</summary>
    public static readonly TimeSpan Running = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="MetricStoreException"/> when the store can't answer.</summary>
    /// <param name="store">The store.</param>
    /// <param name="lookup">The rendered release section.</param>
    /// <param name="given">The <c>--deployed-at</c> given, if any.</param>
    /// <param name="now">The current time.</param>
    /// <param name="soak">The soak's length.</param>
    /// <param name="baselineWindow">How far before the release the previous release's instances are looked for.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    public static async Task<ReleaseResolution> ResolveAsync(IMetricStore store, ReleaseLookup lookup, DateTimeOffset? given, DateTimeOffset now,
        TimeSpan soak, TimeSpan baselineWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(lookup);
        var anchor = given ?? now;
        var from = anchor - soak - LookBack;
        var to = given is { } t ? t + EarlyAllowance : now;
        var releases = await ReleaseFinder.ListAsync(store, lookup.ReleasesQuery, lookup.Label, from, to, cancellationToken).ConfigureAwait(false);
        if (releases.Count == 0 && given is { } early)
        {
            // A time before every release: look ahead for the release it probably meant, to name it.
            var after = await ReleaseFinder.ListAsync(store, lookup.ReleasesQuery, lookup.Label, to, early + soak + LookBack, cancellationToken)
                .ConfigureAwait(false);
            if (after.Count > 0)
            {
                return TooEarly(early, after[^1]);
            }
        }

        if (releases.Count == 0)
        {
            return Failure($"release.releases found no release between {Time(from)} and {Time(to)}; check the query and the --var values "
                + $"it uses (query: {lookup.ReleasesQuery})");
        }

        Release judged;
        string foundBy;
        string? note = null;
        if (given is { } deployedAt)
        {
            if (Snap(releases, deployedAt) is not { } snapped)
            {
                return TooEarly(deployedAt, releases[^1]);
            }

            judged = snapped;
            foundBy = ReleaseInfo.ByDeployedAt;
        }
        else
        {
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

        var index = releases.ToList().IndexOf(judged);
        var previous = index > 0 ? releases[index - 1] : null;
        var previousInstances = previous is null
            ? []
            : await InstanceNamesAsync(store, lookup, previous, judged.StartedAt - baselineWindow, judged.StartedAt, cancellationToken).ConfigureAwait(false);
        if (given is { } g && g != judged.StartedAt)
        {
            note = $"Judging release {ReleaseFinder.Describe(judged)}, the newest started by --deployed-at {Time(g)} + {PromDuration.Format(EarlyAllowance)}; "
                + "the soak starts at the release's start";
        }

        return new ReleaseResolution(
            new ReleaseInfo(judged.Name, judged.StartedAt, foundBy, given),
            new ReleaseTarget(lookup.InstancesQuery(judged.Name), lookup.InstanceLabel, previousInstances),
            note,
            null);
    }

    /// <summary>
    /// The release a deploy time <paramref name="given"/> names: the newest of <paramref name="releases"/> (oldest first)
    /// that started no later than <paramref name="given"/> + <see cref="EarlyAllowance"/>; null when every one started later.
    /// </summary>
    public static Release? Snap(IReadOnlyList<Release> releases, DateTimeOffset given)
    {
        ArgumentNullException.ThrowIfNull(releases);
        return releases.LastOrDefault(r => r.StartedAt <= given + EarlyAllowance);
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

    private static ReleaseResolution TooEarly(DateTimeOffset given, Release newest) =>
        Failure($"--deployed-at {Time(given)} is more than {PromDuration.Format(EarlyAllowance)} before every release found; "
            + $"the newest is {ReleaseFinder.Describe(newest)}: pass a time at or after its start, or leave --deployed-at out");

    private static ReleaseResolution Failure(string message) => new(null, null, null, new ChecklistError(message));

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
