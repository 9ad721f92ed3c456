using DeployVerifier.Analysis;
using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Releases;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Soak;

/// <summary>
/// Runs the soak. Live and replay are one path: every evaluation whose time (plus the ingestion lag) has passed is
/// computed at once from stored history, then the runner waits for the next one. Time comes from the
/// <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public sealed class SoakRunner
{
    /// <summary>At most this many requests to the store at once: 4.</summary>
    public const int MaxConcurrentRequests = 4;

    private readonly IMetricStore _store;
    private readonly TimeProvider _time;
    private readonly ISoakObserver _observer;
    private readonly TrendMemo? _memo;
    private readonly bool _lookAhead;

    /// <param name="store">Where the metrics are read.</param>
    /// <param name="time">The clock: evaluations not due yet are waited for.</param>
    /// <param name="observer">Hears of the soak's progress.</param>
    /// <param name="memo">The release's leak tests already fitted, for judging it again with other values (<c>tune</c>); null: none kept.</param>
    /// <param name="lookAhead">
    /// Compute a replay's trend looks ahead on the cores (<see cref="LooksAhead"/>); false for a caller that already keeps
    /// the cores busy with many short soaks of its own (<c>tune</c>'s candidates), where the waves only add work.
    /// </param>
    public SoakRunner(IMetricStore store, TimeProvider time, ISoakObserver observer, TrendMemo? memo = null, bool lookAhead = true)
    {
        _lookAhead = lookAhead;
        _store = store;
        _time = time;
        _observer = observer;
        _memo = memo;
    }

    /// <param name="schedule">When the evaluations happen.</param>
    /// <param name="ingestionLag">How long after its time an evaluation waits for late scrapes.</param>
    /// <param name="maxConsecutiveErrors">Evaluations in a row without an answer that make a check inconclusive.</param>
    /// <param name="checks">The checks, rendered.</param>
    /// <param name="cancellationToken">Stops the soak; the outcome is then inconclusive.</param>
    /// <param name="release">The judged release's instances; null when the checklist doesn't identify the release.</param>
    public Task<SoakOutcome> RunAsync(SoakPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return RunAsync(plan.Schedule, plan.IngestionLag, plan.MaxConsecutiveErrors, plan.Checks, cancellationToken, plan.Target);
    }

    /// <summary>Runs a soak given piece by piece (tests); <see cref="RunAsync(SoakPlan, CancellationToken)"/> takes them from the plan.</summary>
    public async Task<SoakOutcome> RunAsync(SoakSchedule schedule, TimeSpan ingestionLag, int maxConsecutiveErrors,
        IReadOnlyList<RenderedCheck> checks, CancellationToken cancellationToken, ReleaseTarget? release = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(checks);
        var instances = release is null ? null : new ReleaseInstances(_store, schedule, release);
        var pool = new SeriesBufferPool(_store, schedule, instances is null ? null : instances.NamesThrough);
        var sources = checks.Select(c => new CheckSource(_store, schedule, c, instances, pool)).ToList();
        var trackers = checks.Select(c => new CheckTracker(c.Check, maxConsecutiveErrors)).ToList();
        _observer.Started(schedule, schedule.Ticks[0] + ingestionLag <= _time.GetUtcNow());
        var stage = new Stage(schedule, instances, sources, trackers, [.. trackers.Select(_ => true)]) { Memo = _memo, LookAhead = _lookAhead };
        Stop? stop;
        DateTimeOffset? extendedTo = null;
        try
        {
            stop = await RunStageAsync(stage, schedule.Ticks, ingestionLag, cancellationToken).ConfigureAwait(false);
            var undecided = trackers.Select(t => t.Undecided).ToArray();
            if (stop is null && schedule.ExtensionTicks.Count > 0 && undecided.Any(u => u))
            {
                // Only checks with data and no decision are watched on; the others' results stand as they were at the end.
                extendedTo = schedule.MaxEnd;
                _observer.Extended(
                    [.. trackers.Where(t => t.Undecided).Select(t => (t.Check.Name, t.Evaluations[^1].Reason))], schedule.MaxEnd);
                stop = await RunStageAsync(stage with { Active = undecided, UntilSettled = true }, schedule.ExtensionTicks, ingestionLag, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var results = trackers.Select(t => t.Result(completed: false)).ToList();
            return new SoakOutcome(Verdict.Inconclusive, "the soak was cancelled before it could decide", schedule,
                LastEvaluated(trackers), results, true, Warnings(sources), Baselines(sources)) { ExtendedTo = extendedTo };
        }

        // A failure in the extension leaves the other checks' soaks complete: only one stopped by the main soak's failure is cut short.
        var completed = stop is not { Failed: true } || extendedTo is not null;
        var checkResults = trackers.Select(t => t.Result(completed)).ToList();
        var verdict = VerdictRules.Decide(checkResults);
        var endedAt = stop?.At ?? (extendedTo is null ? schedule.Ticks[^1] : schedule.ExtensionTicks[^1]);
        return new SoakOutcome(verdict, VerdictText.Explain(verdict, checkResults), schedule, endedAt, checkResults, false,
            Warnings(sources), Baselines(sources)) { ExtendedTo = extendedTo };
    }

    /// <summary>The soak's moving parts; <see cref="Active"/> says which checks are still evaluated.</summary>
    private sealed record Stage(SoakSchedule Schedule, ReleaseInstances? Instances, List<CheckSource> Sources, List<CheckTracker> Trackers, bool[] Active)
    {
        /// <summary>In an extension: stop as soon as no active check is undecided any more.</summary>
        public bool UntilSettled { get; init; }

        /// <summary>The leak tests already fitted; null: none kept.</summary>
        public TrendMemo? Memo { get; init; }

        /// <summary>Whether a replay's trend looks are computed ahead (<see cref="LooksAhead"/>).</summary>
        public bool LookAhead { get; init; } = true;
    }

    /// <summary>Why a stage stopped early: a check failed (or errored), or every watched check was decided.</summary>
    private sealed record Stop(DateTimeOffset At, bool Failed);

    /// <summary>Evaluates <paramref name="ticks"/> as they come due (at once when already past); null when they all ran.</summary>
    private async Task<Stop?> RunStageAsync(Stage stage, IReadOnlyList<DateTimeOffset> ticks, TimeSpan ingestionLag, CancellationToken cancellationToken)
    {
        var next = 0;
        while (next < ticks.Count)
        {
            var now = _time.GetUtcNow();
            var due = ticks[next] + ingestionLag;
            var waited = due > now;
            if (waited)
            {
                await Task.Delay(due - now, _time, cancellationToken).ConfigureAwait(false);
                now = _time.GetUtcNow();
            }

            var last = next;
            while (last + 1 < ticks.Count && ticks[last + 1] + ingestionLag <= now)
            {
                last++;
            }

            var (stop, evaluated) = await EvaluateBatchAsync(stage, ticks, next, last, cancellationToken).ConfigureAwait(false);
            var trackers = stage.Trackers;
            _observer.Progressed(new SoakProgress(ticks[next], ticks[next + evaluated - 1], evaluated, waited && last == next,
                trackers.Where(t => t.Evaluations.Count > 0).Select(t => (t.Check.Name, t.Evaluations[^1])).ToList(), stage.Schedule, trackers.Count)
            {
                Standings = [.. trackers.Select(t => t.Standing).OfType<CheckStanding>()],
            });
            if (stop is not null)
            {
                return stop;
            }

            next = last + 1;
        }

        return null;
    }

    /// <summary>Evaluates ticks <paramref name="first"/>..<paramref name="last"/> of the active checks; stops at the first tick that decides.</summary>
    private static async Task<(Stop? Stop, int Evaluated)> EvaluateBatchAsync(Stage stage, IReadOnlyList<DateTimeOffset> ticks, int first, int last,
        CancellationToken cancellationToken)
    {
        var (schedule, instances, sources, trackers, active) = (stage.Schedule, stage.Instances, stage.Sources, stage.Trackers, stage.Active);
        var errors = new string?[sources.Count];
        string? instancesError = null;
        try
        {
            if (instances is not null)
            {
                await instances.EnsureThroughAsync(ticks[last], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (MetricStoreException exception)
        {
            instancesError = $"the release's instances: {exception.Message}";
        }

        if (instancesError is not null)
        {
            Array.Fill(errors, instancesError);
        }
        else
        {
            await FetchAsync([.. sources.Where((_, i) => active[i])], ticks[last], errors, cancellationToken, [.. Enumerable.Range(0, sources.Count).Where(i => active[i])])
                .ConfigureAwait(false);
        }

        var ahead = new LooksAhead(stage, ticks, last, errors);
        for (var k = first; k <= last; k++)
        {
            // A long replay is CPU-bound: a cancelled job must not run it to its end.
            cancellationToken.ThrowIfCancellationRequested();
            var tick = ticks[k];
            for (var i = 0; i < sources.Count; i++)
            {
                var check = sources[i].Check;
                if (!active[i] || tick < schedule.DeployedAt + check.WarmUp)
                {
                    continue;
                }

                trackers[i].Record(ahead.At(i, k) ?? CheckEvaluator.Evaluate(check, Measure(sources[i], errors[i], tick), stage.Memo));
                if (stage.UntilSettled && !trackers[i].Undecided)
                {
                    active[i] = false;
                }
            }

            // Only a failure ends the soak early: a check the store could not answer for is judged again when answers
            // return, and while it errors the others go on deciding (a leak hidden by rate limiting is the worst miss).
            if (trackers.Any(t => t.HasFailed))
            {
                return (new Stop(tick, true), k - first + 1);
            }

            if (stage.UntilSettled && !active.Any(a => a))
            {
                return (new Stop(tick, false), k - first + 1);
            }
        }

        return (null, last - first + 1);
    }

    private static CheckMeasurement Measure(CheckSource source, string? error, DateTimeOffset tick) =>
        error is not null ? new CheckMeasurement(tick, [], Error: error) : source.MeasureAt(tick);

    /// <summary>
    /// A replay's trend looks computed ahead of the soak, a wave of <see cref="Wave"/> ticks at a time, on the process's
    /// one scheduler as wide as its cores (<see cref="CheckEvaluator.Cores"/>, shared with a backtest's other releases):
    /// each look is a pure function of the data up to its tick, and the costly part of a long replay (a day-long soak is
    /// 2,880 looks per pod). They are recorded in tick order as before, so the outcome is the one computed one by one; a
    /// soak that stops early wastes at most one wave. The measurements are taken in order (a source keeps state while
    /// measuring); only the evaluations run in parallel. A live tick (one at a time) is computed as it comes.
    /// </summary>
    private sealed class LooksAhead(Stage stage, IReadOnlyList<DateTimeOffset> ticks, int last, string?[] errors)
    {
        /// <summary>Ticks computed ahead at once.</summary>
        public const int Wave = 32;

        private readonly Dictionary<(int Check, int Tick), CheckEvaluation> _computed = [];

        /// <summary>Check <paramref name="i"/>'s look at tick <paramref name="k"/>, computed ahead; null when it is computed in turn.</summary>
        public CheckEvaluation? At(int i, int k)
        {
            var source = stage.Sources[i];
            if (!stage.LookAhead || source.Check.Rule is not TrendRule || errors[i] is not null || last - k < 1)
            {
                return null;
            }

            if (!_computed.Remove((i, k), out var evaluation))
            {
                Compute(i, k);
                _computed.Remove((i, k), out evaluation);
            }

            return evaluation;
        }

        private void Compute(int i, int from)
        {
            var source = stage.Sources[i];
            var through = Math.Min(last, from + Wave - 1);
            var measurements = Enumerable.Range(from, through - from + 1).Select(k => source.MeasureAt(ticks[k])).ToArray();
            var evaluations = new CheckEvaluation[measurements.Length];

            // The wave in one contiguous part per core: this thread computes the first (rather than waiting on the
            // others), the scheduler's threads the rest. A look of many series is already judged in parallel, pod by pod.
            var parts = measurements[0].Series.Count >= CheckEvaluator.ParallelFrom ? 1 : Math.Min(Environment.ProcessorCount, measurements.Length);
            var size = (measurements.Length + parts - 1) / parts;
            void Part(int part)
            {
                for (var j = part * size; j < Math.Min(measurements.Length, (part + 1) * size); j++)
                {
                    evaluations[j] = CheckEvaluator.Evaluate(source.Check, measurements[j], stage.Memo);
                }
            }

            var others = Enumerable.Range(1, parts - 1)
                .Select(part => Task.Factory.StartNew(() => Part(part), CancellationToken.None, TaskCreationOptions.None, CheckEvaluator.Cores.TaskScheduler!))
                .ToArray();
            Part(0);
            Task.WaitAll(others);
            for (var j = 0; j < evaluations.Length; j++)
            {
                _computed[(i, from + j)] = evaluations[j];
            }
        }
    }

    /// <summary>
    /// Brings every check's history up to <paramref name="through"/>: each distinct query once, at most
    /// <see cref="MaxConcurrentRequests"/> at a time. A check whose query or preparation failed gets the store's words.
    /// </summary>
    /// <param name="sources">The checks whose histories are brought up to date.</param>
    /// <param name="through">Up to when.</param>
    /// <param name="errors">Per check of the whole soak, the store's words when its data could not be fetched.</param>
    /// <param name="cancellationToken">Stops the fetching.</param>
    /// <param name="indexes">Each source's index in <paramref name="errors"/>.</param>
    private static async Task FetchAsync(List<CheckSource> sources, DateTimeOffset through, string?[] errors, CancellationToken cancellationToken,
        List<int> indexes)
    {
        // One at a time when there is nothing to overlap: a live tick of a one-check soak needs no thread hop.
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = sources.Sum(s => s.Buffers.Count()) > 1 ? MaxConcurrentRequests : 1,
            CancellationToken = cancellationToken,
        };
        var failed = new System.Collections.Concurrent.ConcurrentDictionary<object, string>(ReferenceEqualityComparer.Instance);
        await Parallel.ForEachAsync(sources.Where(s => !s.Prepared), parallel, async (source, token) =>
        {
            try
            {
                await source.PrepareAsync(token).ConfigureAwait(false);
            }
            catch (MetricStoreException exception)
            {
                failed[source] = exception.Message;
            }
        }).ConfigureAwait(false);

        var buffers = sources.SelectMany(s => s.Buffers).Distinct().ToList();
        await Parallel.ForEachAsync(buffers, parallel, async (buffer, token) =>
        {
            try
            {
                await buffer.EnsureThroughAsync(through, token).ConfigureAwait(false);
            }
            catch (MetricStoreException exception)
            {
                failed[buffer] = exception.Message;
            }
        }).ConfigureAwait(false);

        for (var i = 0; i < sources.Count; i++)
        {
            errors[indexes[i]] = failed.GetValueOrDefault(sources[i])
                ?? sources[i].Buffers.Select(b => failed.GetValueOrDefault(b)).FirstOrDefault(e => e is not null);
        }
    }

    private static DateTimeOffset? LastEvaluated(List<CheckTracker> trackers) =>
        trackers.Where(t => t.Evaluations.Count > 0).Select(t => (DateTimeOffset?)t.Evaluations[^1].Time).DefaultIfEmpty(null).Max();

    private static List<string> Warnings(List<CheckSource> sources) => sources.SelectMany(s => s.Warnings).Distinct().ToList();

    private static Dictionary<string, BaselineInfo> Baselines(List<CheckSource> sources) =>
        sources.Where(s => s.Baseline is not null).ToDictionary(s => s.Check.Name, s => s.Baseline!);
}
