using DeployVerifier.Evaluation;
using DeployVerifier.Metrics;
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

    public SoakRunner(IMetricStore store, TimeProvider time, ISoakObserver observer)
    {
        _store = store;
        _time = time;
        _observer = observer;
    }

    /// <param name="schedule">When the evaluations happen.</param>
    /// <param name="ingestionLag">How long after its time an evaluation waits for late scrapes.</param>
    /// <param name="maxConsecutiveErrors">Evaluations in a row without an answer that make a check inconclusive.</param>
    /// <param name="checks">The checks, rendered.</param>
    /// <param name="cancellationToken">Stops the soak; the outcome is then inconclusive.</param>
    /// <param name="release">The judged release's instances; null when the checklist doesn't identify the release.</param>
    public async Task<SoakOutcome> RunAsync(SoakSchedule schedule, TimeSpan ingestionLag, int maxConsecutiveErrors,
        IReadOnlyList<RenderedCheck> checks, CancellationToken cancellationToken, ReleaseTarget? release = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(checks);
        var instances = release is null ? null : new ReleaseInstances(_store, schedule, release);
        var pool = new SeriesBufferPool(_store, schedule, instances is null ? null : instances.NamesThrough);
        var sources = checks.Select(c => new CheckSource(_store, schedule, c, instances, pool)).ToList();
        var trackers = checks.Select(c => new CheckTracker(c.Check, maxConsecutiveErrors)).ToList();
        var ticks = schedule.Ticks;
        _observer.Started(schedule, ticks[0] + ingestionLag <= _time.GetUtcNow());
        var next = 0;
        DateTimeOffset? decidedAt = null;
        try
        {
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

                var (stopAt, evaluated) = await EvaluateBatchAsync(schedule, instances, sources, trackers, next, last, cancellationToken).ConfigureAwait(false);
                _observer.Progressed(new SoakProgress(ticks[next], ticks[next + evaluated - 1], evaluated, waited && last == next,
                    trackers.Where(t => t.Evaluations.Count > 0).Select(t => (t.Check.Name, t.Evaluations[^1])).ToList(), schedule, trackers.Count));
                if (stopAt is { } stop)
                {
                    decidedAt = stop;
                    break;
                }

                next = last + 1;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var results = trackers.Select(t => t.Result(completed: false)).ToList();
            return new SoakOutcome(Verdict.Inconclusive, "the soak was cancelled before it could decide", schedule,
                LastEvaluated(trackers), results, true, Warnings(sources), Baselines(sources));
        }

        var completed = decidedAt is null;
        var checkResults = trackers.Select(t => t.Result(completed)).ToList();
        var verdict = VerdictRules.Decide(checkResults);
        return new SoakOutcome(verdict, Explain(verdict, checkResults), schedule, decidedAt ?? ticks[^1], checkResults, false,
            Warnings(sources), Baselines(sources));
    }

    /// <summary>Evaluates ticks <paramref name="first"/>..<paramref name="last"/>; stops at the first tick that decides the verdict.</summary>
    private static async Task<(DateTimeOffset? StopAt, int Evaluated)> EvaluateBatchAsync(SoakSchedule schedule, ReleaseInstances? instances,
        List<CheckSource> sources, List<CheckTracker> trackers, int first, int last, CancellationToken cancellationToken)
    {
        var ticks = schedule.Ticks;
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
            await FetchAsync(sources, ticks[last], errors, cancellationToken).ConfigureAwait(false);
        }

        for (var k = first; k <= last; k++)
        {
            // A long replay is CPU-bound: a cancelled job must not run it to its end.
            cancellationToken.ThrowIfCancellationRequested();
            var tick = ticks[k];
            for (var i = 0; i < sources.Count; i++)
            {
                var check = sources[i].Check;
                if (tick < schedule.DeployedAt + check.WarmUp)
                {
                    continue;
                }

                var measurement = errors[i] is { } error ? new CheckMeasurement(tick, [], Error: error) : sources[i].MeasureAt(tick);
                trackers[i].Record(CheckEvaluator.Evaluate(check, measurement));
            }

            if (trackers.Any(t => t.HasFailed || t.HasErrored))
            {
                return (tick, k - first + 1);
            }
        }

        return (null, last - first + 1);
    }

    /// <summary>
    /// Brings every check's history up to <paramref name="through"/>: each distinct query once, at most
    /// <see cref="MaxConcurrentRequests"/> at a time. A check whose query or preparation failed gets the store's words.
    /// </summary>
    private static async Task FetchAsync(List<CheckSource> sources, DateTimeOffset through, string?[] errors, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentRequests, CancellationToken = cancellationToken };
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
            errors[i] = failed.GetValueOrDefault(sources[i])
                ?? sources[i].Buffers.Select(b => failed.GetValueOrDefault(b)).FirstOrDefault(e => e is not null);
        }
    }

    private static DateTimeOffset? LastEvaluated(List<CheckTracker> trackers) =>
        trackers.Where(t => t.Evaluations.Count > 0).Select(t => (DateTimeOffset?)t.Evaluations[^1].Time).DefaultIfEmpty(null).Max();

    private static List<string> Warnings(List<CheckSource> sources) => sources.SelectMany(s => s.Warnings).Distinct().ToList();

    private static Dictionary<string, BaselineInfo> Baselines(List<CheckSource> sources) =>
        sources.Where(s => s.Baseline is not null).ToDictionary(s => s.Check.Name, s => s.Baseline!);

    private static string Explain(Verdict verdict, List<CheckResult> results)
    {
        var failed = results.Where(r => r.Outcome == CheckOutcome.Failed).ToList();
        var unseen = results.Where(r => r.Outcome is CheckOutcome.Inconclusive or CheckOutcome.Error).ToList();
        return verdict switch
        {
            Verdict.Failed => string.Join("; ", failed.Select(r => $"{r.Check.Name}: {r.Reason}")),
            Verdict.Inconclusive => string.Join("; ", unseen.Select(r => $"{r.Check.Name}: {r.Reason}")),
            _ => $"all {results.Count} checks passed over the whole soak",
        };
    }
}
