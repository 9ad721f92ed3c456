using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Quantities;
using DeployVerifier.Releases;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Backtests;

/// <summary>
/// Judges past releases exactly as <c>verify</c> would have (the same plan, soak, evaluation and fail fast), several
/// at a time and without waiting: a soak not over by now is judged as far as it goes and reported not finished
/// (unless it has failed already), and a release replaced by the next before its soak ended is judged up to the
/// next one's start and marked superseded. Time comes from the <see cref="TimeProvider"/>. Nothing is rolled back.
/// </summary>
public sealed class BacktestRunner
{
    /// <summary>By default this many releases are judged at once (each sends at most <see cref="SoakRunner.MaxConcurrentRequests"/> requests at a time): 4.</summary>
    public const int DefaultConcurrentReleases = 4;

    /// <summary>The most releases judged at once that <c>--parallel</c> allows: 16.</summary>
    public const int MaxConcurrentReleases = 16;

    private readonly IMetricStore _store;
    private readonly TimeProvider _time;
    private readonly IBacktestObserver _observer;
    private readonly int _concurrency;

    /// <param name="store">The store.</param>
    /// <param name="time">The clock: soaks not over by its now are not finished.</param>
    /// <param name="observer">Hears of each release judged.</param>
    /// <param name="concurrency">How many releases are judged at once (default <see cref="DefaultConcurrentReleases"/>).</param>
    public BacktestRunner(IMetricStore store, TimeProvider time, IBacktestObserver observer, int concurrency = DefaultConcurrentReleases)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(concurrency, MaxConcurrentReleases);
        _store = store;
        _time = time;
        _observer = observer;
        _concurrency = concurrency;
    }

    /// <param name="plan">The checklist, planned once for every release.</param>
    /// <param name="candidates">The releases, oldest first.</param>
    /// <param name="cancellationToken">Stops the backtest; the releases not judged by then are inconclusive.</param>
    public async Task<BacktestRun> RunAsync(VerificationPlan plan, IReadOnlyList<BacktestCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(candidates);
        var now = _time.GetUtcNow();
        using var outage = new StoreOutage(_store);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, outage.Token);
        var results = new BacktestResult?[candidates.Count];
        var judged = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _concurrency };
        await Parallel.ForEachAsync(Enumerable.Range(0, candidates.Count), parallel, async (i, _) =>
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }

            BacktestResult result;
            try
            {
                result = await JudgeAsync(plan, candidates[i], outage, now, stop.Token).ConfigureAwait(false);
            }
            catch (MetricStoreUnavailableException)
            {
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            // A soak cut short by the outage or a cancellation says so, not what it saw: it is reported with the others not judged.
            if (result.Outcome.Cancelled || (result.Verdict is not (BacktestVerdict.Passed or BacktestVerdict.Failed) && outage.Reason is not null))
            {
                return;
            }

            results[i] = result;
            _observer.Judged(result, Interlocked.Increment(ref judged), candidates.Count);
        }).ConfigureAwait(false);

        var why = outage.Reason is { } reason
            ? $"not judged: Prometheus could not be read: {reason}"
            : "not judged: the backtest was cancelled";
        var all = results.Select((r, i) => r ?? Unjudged(plan, candidates[i], BacktestVerdict.Inconclusive, why, superseded: false)).ToList();
        return new BacktestRun(all, outage.Reason, outage.Reason is null && results.Any(r => r is null));
    }

    private async Task<BacktestResult> JudgeAsync(VerificationPlan plan, BacktestCandidate candidate, IMetricStore store, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var counting = new CountingStore(store);
        var soak = await PrepareAsync(plan, candidate, counting, now, cancellationToken).ConfigureAwait(false);
        if (soak.Plan is null)
        {
            return soak.Unjudged!;
        }

        var outcome = await new SoakRunner(counting, _time, NoSoakObserver.Instance).RunAsync(soak.Plan, cancellationToken).ConfigureAwait(false);
        return Conclude(soak, outcome, counting.Count);
    }

    /// <summary>
    /// The soak <c>verify</c> would have run for one past release, as of <paramref name="now"/>: up to its end, the next
    /// release's start, or the last evaluation due by now; or, when nothing could be evaluated, the result saying why.
    /// </summary>
    internal static async Task<ReleaseSoak> PrepareAsync(VerificationPlan plan, BacktestCandidate candidate, IMetricStore store, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var release = candidate.Release;
        var start = release.StartedAt;
        var soak = plan.Soak;
        var full = plan.Schedule(start);

        // The last evaluation verify would have made: the soak's, or the last before the next release started.
        var superseded = candidate.Next is { } next && next.StartedAt < full.Ticks[^1];
        var last = superseded ? full.AlignDown(candidate.Next!.StartedAt, soak.Interval) : full.Ticks[^1];
        var due = now - soak.IngestionLag;
        var notFinished = last > due;
        var bound = notFinished ? full.AlignDown(due, soak.Interval) : last;
        if (bound < full.Ticks[0])
        {
            // Nothing to evaluate: either no evaluation is due yet, or the next release came before the warm-up ended.
            return new ReleaseSoak(candidate, null, superseded, notFinished, bound, full.End)
            {
                Unjudged = notFinished
                    ? Unjudged(plan, candidate, BacktestVerdict.NotFinished, $"not finished: its first evaluation is due at {Rfc3339.Format(full.Ticks[0] + soak.IngestionLag)}", superseded)
                    : Unjudged(plan, candidate, BacktestVerdict.Inconclusive,
                        $"superseded by {Describe(candidate.Next!)} {PromDuration.Humanize(candidate.Next!.StartedAt - start)} after its start, before its warm-up ended: never evaluated",
                        superseded),
            };
        }

        var schedule = bound == full.Ticks[^1] ? full : new SoakSchedule(start, bound - start, soak.WarmUp, soak.Interval);
        var name = candidate.Identified ? release.Name : null;
        ReleaseTarget? target = null;
        if (name is not null && plan.ReleaseLookup is { } lookup)
        {
            var previous = candidate.Previous is { } before
                ? await ReleaseResolver.PreviousInstancesAsync(store, lookup, before, release, plan.BaselineWindow, cancellationToken).ConfigureAwait(false)
                : [];
            target = lookup.Target(name, previous);
        }

        return new ReleaseSoak(candidate, plan.ForRelease(start, name, target, schedule), superseded, notFinished, bound, full.End);
    }

    /// <summary>What a backtest says of a release whose soak ran: the soak's verdict, unless it is not over and nothing failed.</summary>
    internal static BacktestResult Conclude(ReleaseSoak soak, SoakOutcome outcome, long queries)
    {
        var candidate = soak.Candidate;
        var verdict = BacktestWords.From(outcome.Verdict);
        var reason = outcome.Reason;
        if (soak.NotFinished && verdict != BacktestVerdict.Failed)
        {
            verdict = BacktestVerdict.NotFinished;
            reason = $"not finished: its soak ends at {Rfc3339.Format(soak.Superseded ? candidate.Next!.StartedAt : soak.End)}; nothing failed up to {Rfc3339.Format(soak.Bound)}";
        }
        else if (soak.Superseded)
        {
            reason = $"{reason} (superseded by {Describe(candidate.Next!)} {PromDuration.Humanize(candidate.Next!.StartedAt - candidate.Release.StartedAt)} after its start: judged up to then)";
        }

        return new BacktestResult(candidate, Info(candidate), verdict, reason, outcome, soak.Superseded, queries);
    }

    private static BacktestResult Unjudged(VerificationPlan plan, BacktestCandidate candidate, BacktestVerdict verdict, string reason, bool superseded)
    {
        var outcome = SoakOutcome.NotJudged(plan.Schedule(candidate.Release.StartedAt), plan.Checklist.Checks, reason);
        return new BacktestResult(candidate, Info(candidate), verdict, reason, outcome, superseded, 0);
    }

    private static ReleaseInfo Info(BacktestCandidate candidate) => candidate.Identified
        ? new ReleaseInfo(candidate.Release.Name, candidate.Release.StartedAt, ReleaseInfo.ByDeployedAt, candidate.Entry?.At ?? candidate.Release.StartedAt)
        : new ReleaseInfo(null, candidate.Release.StartedAt, ReleaseInfo.NotIdentified, candidate.Release.StartedAt);

    private static string Describe(Release release) => release.Name.Length > 0 ? ReleaseFinder.Describe(release) : $"the release at {Rfc3339.Format(release.StartedAt)}";

    /// <summary>A backtest prints a line per release, not per evaluation.</summary>
    internal sealed class NoSoakObserver : ISoakObserver
    {
        public static readonly NoSoakObserver Instance = new();

        public void Started(SoakSchedule schedule, bool replaying)
        {
        }

        public void Progressed(SoakProgress progress)
        {
        }
    }
}
