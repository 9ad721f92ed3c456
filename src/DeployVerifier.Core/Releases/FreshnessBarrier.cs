using System.Globalization;
using DeployVerifier.Metrics;
using DeployVerifier.Quantities;

namespace DeployVerifier.Releases;

/// <summary>
/// In a live run the release is settled only on release data scraped after the step began: kube-state-metrics is scraped
/// every 30 to 60 s, so a ReplicaSet created a moment ago is not in Prometheus yet, and the newest one there is the
/// previous release. The times of a query's answer are evaluation times and prove nothing; the barrier reads the raw
/// sample times (<c>timestamp()</c>) of the release selector and waits until the newest is later than the run's start.
/// </summary>
public static class FreshnessBarrier
{
    /// <summary>How often the selector's newest sample is read while waiting: every 2 seconds.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Waits until <paramref name="selector"/> has a sample newer than <paramref name="since"/>, at most
    /// <paramref name="waitFor"/>. Throws <see cref="MetricStoreException"/> when the store can't answer.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="selector">A series selector, e.g. <c>kube_replicaset_created{namespace="shop"}</c>.</param>
    /// <param name="since">The run's start.</param>
    /// <param name="waitFor">How long to wait at most (<c>release.waitFor</c>).</param>
    /// <param name="lookBack">How far back a series counts as existing (stale but there): a selector with none in it is a mistake.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public static async Task<FreshnessOutcome> WaitAsync(IMetricStore store, string selector, DateTimeOffset since, TimeSpan waitFor, TimeSpan lookBack,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetUtcNow();
        var deadline = started + waitFor;
        var checkedExists = false;
        while (true)
        {
            var now = time.GetUtcNow();
            var newest = await NewestAsync(store, $"max(timestamp({selector}))", now, cancellationToken).ConfigureAwait(false);
            if (newest > since)
            {
                return new FreshnessOutcome(FreshnessState.Fresh, newest, now - started, null);
            }

            if (!checkedExists)
            {
                checkedExists = true;
                var recent = await store.QueryAsync($"count(last_over_time({selector}[{PromDuration.Format(lookBack)}]))", now, cancellationToken)
                    .ConfigureAwait(false);
                if (!recent.Series.Any(s => s.Samples.Any(p => p.Value > 0)))
                {
                    return new FreshnessOutcome(FreshnessState.NoSeries, null, now - started,
                        $"the release selector {selector} matches no series in the last {PromDuration.Format(lookBack)}; "
                        + "check the release section and the --var values it uses");
                }
            }

            if (now >= deadline)
            {
                newest ??= await NewestRawAsync(store, selector, now, lookBack, cancellationToken).ConfigureAwait(false);
                var last = newest is { } n ? $"its newest sample is from {Format(n)}, {PromDuration.Humanize(now - n)} before now" : "it has no recent sample";
                return new FreshnessOutcome(FreshnessState.Stale, newest, now - started,
                    $"no release data scraped since the run began at {Format(since)}: waited {PromDuration.Humanize(now - started)} "
                    + $"(release.waitFor) for {selector}, and {last}; is its exporter (kube-state-metrics) being scraped?");
            }

            var pause = deadline - now < PollEvery ? deadline - now : PollEvery;
            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<DateTimeOffset?> NewestAsync(IMetricStore store, string query, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var answer = await store.QueryAsync(query, at, cancellationToken).ConfigureAwait(false);
        var seconds = answer.Series.SelectMany(s => s.Samples).Select(s => s.Value).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
        return double.IsFinite(seconds) ? DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)) : null;
    }

    /// <summary>The newest raw sample of a selector whose series went stale: the range selector's own samples.</summary>
    private static async Task<DateTimeOffset?> NewestRawAsync(IMetricStore store, string selector, DateTimeOffset at, TimeSpan lookBack,
        CancellationToken cancellationToken)
    {
        var answer = await store.QueryAsync($"{selector}[{PromDuration.Format(lookBack)}]", at, cancellationToken).ConfigureAwait(false);
        return answer.Series.SelectMany(s => s.Samples).Select(s => (DateTimeOffset?)s.Time).DefaultIfEmpty(null).Max();
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Whether the release data is fresh.</summary>
public enum FreshnessState
{
    /// <summary>A sample newer than the run's start was seen.</summary>
    Fresh,

    /// <summary>The selector matches nothing at all: a checklist or <c>--var</c> mistake (exit 2).</summary>
    NoSeries,

    /// <summary>The series exist but were not scraped since the run began, within the wait (exit 3).</summary>
    Stale,
}

/// <summary>What <see cref="FreshnessBarrier.WaitAsync"/> found.</summary>
/// <param name="State">Fresh, no series, or stale.</param>
/// <param name="Newest">The newest raw sample time seen, if any.</param>
/// <param name="Waited">How long the barrier waited.</param>
/// <param name="Problem">Why the release can't be settled; null when fresh.</param>
public sealed record FreshnessOutcome(FreshnessState State, DateTimeOffset? Newest, TimeSpan Waited, string? Problem);
