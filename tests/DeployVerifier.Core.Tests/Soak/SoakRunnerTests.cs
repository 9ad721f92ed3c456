using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Soak;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;
using Microsoft.Extensions.Time.Testing;

namespace DeployVerifier.Soak;

[TestClass]
public sealed class SoakRunnerTests
{
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(30);

    private static SoakSchedule Schedule(TimeSpan? duration = null) =>
        new(Some.DeployedAt, duration ?? TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));

    private static RenderedCheck Rendered(CheckDefinition check) => new(check, check.Query, null, null);

    private static Task<SoakOutcome> Run(FakeMetricStore store, TimeProvider time, SoakSchedule schedule, ISoakObserver? observer = null,
        CancellationToken cancellationToken = default, params CheckDefinition[] checks) =>
        new SoakRunner(store, time, observer ?? new RecordingObserver())
            .RunAsync(schedule, Lag, 3, checks.Select(Rendered).ToList(), cancellationToken);

    [TestMethod]
    public async Task Run_ReplayOfAHealthyRelease_PassesWithOneRangeRequestPerQuery()
    {
        var store = new FakeMetricStore().Serve("error_ratio", _ => 0.001).Serve("latency", _ => 0.1);
        var time = new FakeTimeProvider(Some.DeployedAt.AddHours(2));
        var observer = new RecordingObserver();

        var outcome = await Run(store, time, Schedule(), observer, default,
            Some.Threshold(max: 0.01), Some.Threshold(max: 0.5, name: "latency", query: "latency"));

        Assert.AreEqual(Verdict.Passed, outcome.Verdict, outcome.Reason);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(30), outcome.DecidedAt);
        Assert.AreEqual(2, store.RangeRequests);
        Assert.IsTrue(observer.StartedReplaying);
        Assert.HasCount(1, observer.Steps, "a replay is summarised as one step");
        Assert.AreEqual(2, observer.Steps[0].Checks);
        Assert.IsTrue(outcome.Checks.All(c => c.Samples == 59));
    }

    [TestMethod]
    public async Task Run_SeriesPairingWithTwoLimits_WarnsAtTheCheckNamingBoth()
    {
        // A pod-level memory series (no container) against per-container limits: the application's and its sidecar's.
        var pod = new Labels([new("namespace", "shop"), new("pod", "checkout-a")]);
        Labels Limit(string container) => new([new("namespace", "shop"), new("pod", "checkout-a"), new("container", container), new("job", "kube-state-metrics")]);
        var store = new FakeMetricStore()
            .Serve("pod_memory", _ => [(pod, 400 * Some.MiB)])
            .Serve("limits", _ => [(Limit("checkout"), 1024 * Some.MiB), (Limit("istio-proxy"), 256 * Some.MiB)]);
        var check = Some.Trend() with { Query = "pod_memory", Location = new SourceLocation("checklist.yml", 12, 5) };
        var time = new FakeTimeProvider(Some.DeployedAt.AddHours(2));

        var outcome = await new SoakRunner(store, time, new RecordingObserver())
            .RunAsync(Schedule(), Lag, 3, [new RenderedCheck(check, check.Query, null, "limits")], CancellationToken.None);

        var warning = outcome.Warnings.Single(w => w.Contains("pairs with 2 series", StringComparison.Ordinal));
        StringAssert.StartsWith(warning, "check 'memory-leak' (checklist.yml:12:5): trend.limitQuery:");
        StringAssert.Contains(warning, "container=\"checkout\"");
        StringAssert.Contains(warning, "container=\"istio-proxy\"");
    }

    [TestMethod]
    public async Task Run_Live_ACheckTheStoreCantAnswerForAWhile_NeverEndsTheSoak_TheOtherStillFails()
    {
        // "ratio" can't be fetched from minute 2 to 6 (more than maxConsecutiveErrors evaluations); "latency" goes bad at
        // minute 10. The soak goes on, the first check is judged again once answers return, and the second fails it.
        var time = new FakeTimeProvider(Some.DeployedAt);
        var store = new FlakyStore(new FakeMetricStore().Serve("ratio", _ => 0.001).Serve("latency", t => t >= Some.DeployedAt.AddMinutes(10) ? 0.9 : 0.1),
            "ratio", () => time.GetUtcNow() >= Some.DeployedAt.AddMinutes(2) && time.GetUtcNow() < Some.DeployedAt.AddMinutes(6));
        var checks = new[] { Some.Threshold(max: 0.01, name: "ratio", query: "ratio"), Some.Threshold(max: 0.5, name: "latency", query: "latency") };

        var running = new SoakRunner(store, time, new RecordingObserver()).RunAsync(Schedule(TimeSpan.FromMinutes(15)), Lag, 3,
            checks.Select(Rendered).ToList(), CancellationToken.None);
        for (var i = 0; i < 200 && !running.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(15));
            await Task.Delay(15, CancellationToken.None);
        }

        var outcome = await running;
        Assert.AreEqual(Verdict.Failed, outcome.Verdict, outcome.Reason);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(10), outcome.DecidedAt);
        Assert.IsTrue(outcome.Checks[0].Evaluations.Any(e => e.Outcome == EvaluationOutcome.Error), "the store failed for a while");
        Assert.AreEqual(EvaluationOutcome.Passed, outcome.Checks[0].Evaluations[^1].Outcome, "judged again once answers returned");
    }

    /// <summary>A store whose answers to one query fail while <c>down</c> says so.</summary>
    private sealed class FlakyStore(IMetricStore inner, string query, Func<bool> down) : IMetricStore
    {
        public Task CheckReadyAsync(CancellationToken cancellationToken) => inner.CheckReadyAsync(cancellationToken);

        public Task<QueryResult> QueryAsync(string q, DateTimeOffset time, CancellationToken cancellationToken) =>
            q == query && down() ? Task.FromException<QueryResult>(new MetricStoreUnavailableException("503 Service Unavailable")) : inner.QueryAsync(q, time, cancellationToken);

        public Task<QueryResult> QueryRangeAsync(string q, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
            q == query && down()
                ? Task.FromException<QueryResult>(new MetricStoreUnavailableException("503 Service Unavailable"))
                : inner.QueryRangeAsync(q, start, end, step, cancellationToken);
    }

    [TestMethod]
    public async Task Run_FailureBeyondTolerance_FailsFastAtThatEvaluation()
    {
        var failingFrom = Some.DeployedAt.AddMinutes(10);
        var store = new FakeMetricStore().Serve("error_ratio", t => t >= failingFrom ? 0.06 : 0.001);
        var time = new FakeTimeProvider(Some.DeployedAt.AddHours(2));

        var outcome = await Run(store, time, Schedule(), null, default, Some.Threshold(max: 0.01, tolerance: 2));

        Assert.AreEqual(Verdict.Failed, outcome.Verdict);
        Assert.AreEqual(failingFrom.AddMinutes(1), outcome.DecidedAt);
        Assert.AreEqual(failingFrom, outcome.Checks[0].FirstFailureAt);
    }

    [TestMethod]
    public async Task Run_Live_WaitsForEachTickPlusTheIngestionLag()
    {
        var store = new FakeMetricStore().Serve("error_ratio", _ => 0.001);
        var time = new FakeTimeProvider(Some.DeployedAt);
        var observer = new RecordingObserver();

        var running = Run(store, time, Schedule(TimeSpan.FromMinutes(3)), observer, default, Some.Threshold(max: 0.01));
        time.Advance(TimeSpan.FromSeconds(89));
        await Task.Delay(20, CancellationToken.None);
        Assert.IsEmpty(observer.Steps, "the first tick (1 min) is due only after the 30 s lag");
        Assert.AreEqual(0, store.RangeRequests);

        for (var i = 0; i < 20 && !running.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(15));
            await Task.Delay(30, CancellationToken.None);
        }

        var outcome = await running;
        Assert.AreEqual(Verdict.Passed, outcome.Verdict);
        Assert.HasCount(5, observer.Steps);
        Assert.IsTrue(observer.Steps.All(s => s.Live && s.Evaluations == 1));
        Assert.IsLessThanOrEqualTo(Some.DeployedAt.AddMinutes(3), store.LatestTimeAsked, "never asks for data after the tick");
    }

    [TestMethod]
    public async Task Run_ReplayThenLive_CatchesUpAndGoesOn()
    {
        var store = new FakeMetricStore().Serve("error_ratio", _ => 0.001);
        var time = new FakeTimeProvider(Some.DeployedAt.AddMinutes(10));
        var observer = new RecordingObserver();

        var running = Run(store, time, Schedule(TimeSpan.FromMinutes(12)), observer, default, Some.Threshold(max: 0.01));

        // One interval at a time, each once the runner has taken the last step: on a loaded machine a fixed real
        // delay could let two ticks fall due together, which is a (correct) batch, not the live step this test wants.
        for (var wait = 0; wait < 500 && observer.Steps.Count == 0; wait++)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        for (var i = 0; i < 40 && !running.IsCompleted; i++)
        {
            await Task.Delay(20, CancellationToken.None);
            var steps = observer.Steps.Count;
            time.Advance(TimeSpan.FromSeconds(30));
            for (var wait = 0; wait < 500 && observer.Steps.Count == steps && !running.IsCompleted; wait++)
            {
                await Task.Delay(10, CancellationToken.None);
            }
        }

        var outcome = await running;
        Assert.AreEqual(Verdict.Passed, outcome.Verdict);
        Assert.IsFalse(observer.Steps[0].Live);
        Assert.IsGreaterThan(1, observer.Steps[0].Evaluations);
        Assert.IsTrue(observer.Steps.Skip(1).All(s => s.Live), string.Join("; ", observer.Steps.Select(s => $"{s.From:HH:mm:ss}-{s.To:HH:mm:ss} n={s.Evaluations} live={s.Live}")));
    }

    [TestMethod]
    public async Task Run_StoreUnavailable_IsInconclusiveNeverAPass()
    {
        var store = new FakeMetricStore { Failure = new MetricStoreUnavailableException("connection refused") };
        var time = new FakeTimeProvider(Some.DeployedAt.AddHours(2));

        var outcome = await Run(store, time, Schedule(), null, default, Some.Threshold(max: 0.01) with { NoData = NoDataPolicy.Pass });

        Assert.AreEqual(Verdict.Inconclusive, outcome.Verdict);
        Assert.AreEqual(CheckOutcome.Error, outcome.Checks[0].Outcome);
        StringAssert.Contains(outcome.Reason, "connection refused");
    }

    [TestMethod]
    public async Task Run_NoDataAtTheEnd_IsInconclusive()
    {
        var store = new FakeMetricStore().Serve("error_ratio", t => t < Some.DeployedAt.AddMinutes(5) ? 0.001 : null);
        var time = new FakeTimeProvider(Some.DeployedAt.AddHours(2));

        var outcome = await Run(store, time, Schedule(), null, default, Some.Threshold(max: 0.01));

        Assert.AreEqual(Verdict.Inconclusive, outcome.Verdict);
        StringAssert.Contains(outcome.Reason, "no data since");
    }

    [TestMethod]
    public async Task Run_Cancelled_StopsAtOnceAndIsInconclusive()
    {
        var store = new FakeMetricStore().Serve("error_ratio", _ => 0.001);
        var time = new FakeTimeProvider(Some.DeployedAt);
        using var cancellation = new CancellationTokenSource();

        var running = Run(store, time, Schedule(), null, cancellation.Token, Some.Threshold(max: 0.01));
        await cancellation.CancelAsync();
        var outcome = await running;

        Assert.AreEqual(Verdict.Inconclusive, outcome.Verdict);
        Assert.IsTrue(outcome.Cancelled);
    }

    [TestMethod]
    public async Task Run_PerSeriesRelease_LeavesOutThePreviousVersion()
    {
        var old = Some.Pod("checkout-old-1");
        var fresh = Some.Pod("checkout-new-1");
        var store = new FakeMetricStore().Serve("restarts", t => t < Some.DeployedAt
            ? [(old, 5.0)]
            : t < Some.DeployedAt.AddMinutes(2) ? [(old, 5.0), (fresh, 0.0)] : [(fresh, 0.0)]);
        var time = new FakeTimeProvider(Some.DeployedAt.AddHours(2));
        var check = Some.Threshold(max: 0, name: "restarts", query: "restarts") with { PerSeries = true, ReleaseSeriesOnly = true };

        var outcome = await Run(store, time, Schedule(), null, default, check);

        Assert.AreEqual(Verdict.Passed, outcome.Verdict, outcome.Reason);
    }

    [TestMethod]
    public async Task Run_CheckWarmUp_SkipsEarlyEvaluations()
    {
        var store = new FakeMetricStore().Serve("error_ratio", t => t < Some.DeployedAt.AddMinutes(3) ? 0.5 : 0.001);
        var time = new FakeTimeProvider(Some.DeployedAt.AddHours(2));

        var outcome = await Run(store, time, Schedule(), null, default, Some.Threshold(max: 0.01) with { WarmUp = TimeSpan.FromMinutes(3) });

        Assert.AreEqual(Verdict.Passed, outcome.Verdict, outcome.Reason);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(3), outcome.Checks[0].Evaluations[0].Time);
    }

    [TestMethod]
    public async Task Run_Baseline_JudgesAgainstTheLevelBeforeTheDeploy()
    {
        var store = new FakeMetricStore().Serve("error_ratio", _ => 0.015);
        var time = new FakeTimeProvider(Some.DeployedAt.AddHours(2));
        var check = Some.Threshold(max: 0.01) with { Baseline = new BaselineSettings(TimeSpan.FromHours(1), 1.5, null) };

        var outcome = await Run(store, time, Schedule(), null, default, check);

        Assert.AreEqual(Verdict.Passed, outcome.Verdict, outcome.Reason);
        Assert.AreEqual(0.015, outcome.Baselines["errors"].Value);
    }

    [TestMethod]
    public async Task Run_CancelledDuringAReplay_StopsInsideTheReplayAsCancelled()
    {
        using var cancellation = new CancellationTokenSource();

        // The signal arrives while the history is read: the replay that follows is CPU-bound and must not run to its end.
        var store = new FakeMetricStore().Serve("error_ratio", t =>
        {
            if (t >= Some.DeployedAt.AddMinutes(20))
            {
                cancellation.Cancel();
            }

            return 0.001;
        });
        var time = new FakeTimeProvider(Some.DeployedAt.AddHours(2));

        var outcome = await Run(store, time, Schedule(), null, cancellation.Token, Some.Threshold(max: 0.01));

        Assert.IsTrue(outcome.Cancelled);
        Assert.AreEqual(Verdict.Inconclusive, outcome.Verdict);
        Assert.AreEqual(0, outcome.Checks[0].Samples, "no evaluation ran after the signal");
    }

    [TestMethod]
    public async Task Run_ManyChecksOfFewQueries_FetchesEachQueryOnce()
    {
        var store = new FakeMetricStore();
        var checks = new List<CheckDefinition>();
        for (var q = 0; q < 7; q++)
        {
            store.Serve($"q{q}", _ => 0.001);
        }

        for (var c = 0; c < 200; c++)
        {
            checks.Add(Some.Threshold(max: 0.01, name: $"check-{c}", query: $"q{c % 7}"));
        }

        var outcome = await Run(store, new FakeTimeProvider(Some.DeployedAt.AddHours(2)), Schedule(), null, default, [.. checks]);

        Assert.AreEqual(Verdict.Passed, outcome.Verdict, outcome.Reason);
        Assert.AreEqual(7, store.RangeRequests, "one range request per distinct query");
    }

    [TestMethod]
    public async Task Run_IndependentQueries_AreFetchedConcurrentlyWithinTheBound()
    {
        var store = new SlowStore();
        var checks = Enumerable.Range(0, 12).Select(c => Some.Threshold(max: 0.01, name: $"check-{c}", query: $"q{c}")).ToArray();

        await new SoakRunner(store, new FakeTimeProvider(Some.DeployedAt.AddHours(2)), new RecordingObserver())
            .RunAsync(Schedule(), Lag, 3, checks.Select(Rendered).ToList(), default);

        Assert.IsGreaterThan(1, store.MostInFlight, "independent checks don't wait for each other");
        Assert.IsLessThanOrEqualTo(SoakRunner.MaxConcurrentRequests, store.MostInFlight);
    }

    /// <summary>Answers every query with 0.001 after a short real delay, counting the requests in flight.</summary>
    private sealed class SlowStore : IMetricStore
    {
        private int _inFlight;
        private int _most;

        public int MostInFlight => _most;

        public Task CheckReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<QueryResult> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken) =>
            QueryRangeAsync(query, time, time, TimeSpan.FromSeconds(30), cancellationToken);

        public async Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int most;
            while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
            {
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            Interlocked.Decrement(ref _inFlight);
            var samples = new List<Sample>();
            for (var t = start; t <= end; t += step)
            {
                samples.Add(new Sample(t, 0.001));
            }

            return new QueryResult([new Series(Labels.Empty, samples)], []);
        }
    }
    [TestMethod]
    public async Task Run_PartialResponseWithHalfTheSeries_IsNotPassed()
    {
        var store = new FakeMetricStore()
            .Serve("restarts", _ => [(Some.Pod("checkout-abc-q2z9w"), 0.0)])
            .Warn("restarts", "partial response: store 10.0.4.7:10901 is unavailable");
        var check = Some.Threshold(max: 0, name: "restarts", query: "restarts") with { PerSeries = true };

        var outcome = await Run(store, new FakeTimeProvider(Some.DeployedAt.AddHours(2)), Schedule(), null, default, check);

        Assert.AreEqual(Verdict.Inconclusive, outcome.Verdict, outcome.Reason);
        var result = outcome.Checks[0];
        StringAssert.StartsWith(result.Reason, "too little data to pass: a partial answer in 59 of 59 evaluations");
        Assert.AreEqual(new EvaluationCounts(0, 0, 0, 59), result.Counts);
    }

    private static SoakSchedule Extended(TimeSpan extension) =>
        new(Some.DeployedAt, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), extension);

    [TestMethod]
    public async Task Run_FailingRunWithinToleranceAtTheEnd_WithoutExtension_IsInconclusive()
    {
        var store = new FakeMetricStore().Serve("error_ratio", t => t >= Some.DeployedAt.AddMinutes(28) ? 0.06 : 0.001);

        var outcome = await Run(store, new FakeTimeProvider(Some.DeployedAt.AddHours(2)), Extended(TimeSpan.Zero), null, default,
            Some.Threshold(max: 0.01, tolerance: 6));

        Assert.AreEqual(Verdict.Inconclusive, outcome.Verdict, outcome.Reason);
        Assert.IsNull(outcome.ExtendedTo);
    }

    [TestMethod]
    public async Task Run_FailingRunWithinToleranceAtTheEnd_IsWatchedOnAndFails()
    {
        var store = new FakeMetricStore()
            .Serve("error_ratio", t => t >= Some.DeployedAt.AddMinutes(28) ? 0.06 : 0.001)
            .Serve("latency", _ => 0.1);
        var observer = new RecordingObserver();

        var outcome = await Run(store, new FakeTimeProvider(Some.DeployedAt.AddHours(2)), Extended(TimeSpan.FromMinutes(10)), observer, default,
            Some.Threshold(max: 0.01, tolerance: 6), Some.Threshold(max: 0.5, name: "latency", query: "latency"));

        Assert.AreEqual(Verdict.Failed, outcome.Verdict, outcome.Reason);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(31), outcome.DecidedAt, "the 7th failure in a row, past the soak's end");
        Assert.AreEqual(Some.DeployedAt.AddMinutes(40), outcome.ExtendedTo);
        Assert.AreEqual(59, outcome.Checks[1].Evaluations.Count, "a decided check is not evaluated on");
        Assert.AreEqual(CheckOutcome.Passed, outcome.Checks[1].Outcome);
    }

    [TestMethod]
    public async Task Run_UndecidedCheckRecoversInTheExtension_PassesAsSoonAsItIsDecided()
    {
        var store = new FakeMetricStore().Serve("error_ratio", t =>
            t >= Some.DeployedAt.AddMinutes(29) && t < Some.DeployedAt.AddMinutes(32) ? 0.06 : 0.001);

        var outcome = await Run(store, new FakeTimeProvider(Some.DeployedAt.AddHours(2)), Extended(TimeSpan.FromMinutes(10)), null, default,
            Some.Threshold(max: 0.01, tolerance: 6));

        Assert.AreEqual(Verdict.Passed, outcome.Verdict, outcome.Reason);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(32), outcome.DecidedAt);
    }

    [TestMethod]
    public async Task Run_NoDataAtTheEnd_IsNotExtended()
    {
        var store = new FakeMetricStore().Serve("error_ratio", t => t >= Some.DeployedAt.AddMinutes(25) ? null : 0.001);

        var outcome = await Run(store, new FakeTimeProvider(Some.DeployedAt.AddHours(2)), Extended(TimeSpan.FromMinutes(10)), null, default,
            Some.Threshold(max: 0.01));

        Assert.AreEqual(Verdict.Inconclusive, outcome.Verdict, outcome.Reason);
        Assert.IsNull(outcome.ExtendedTo);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(30), outcome.DecidedAt);
    }

    [TestMethod]
    public async Task RunAsync_WarnSeverityFailure_RunsTheWholeSoakAndPasses()
    {
        var outcome = await Outcomes.WarnedAsync();

        Assert.AreEqual(Verdicts.Verdict.Passed, outcome.Verdict);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(30), outcome.DecidedAt, "a warn check's failure does not stop the soak");
        var errors = outcome.Checks.Single(c => c.Check.Name == "errors");
        Assert.AreEqual(Evaluation.CheckOutcome.Failed, errors.Outcome);
        Assert.HasCount(59, errors.Evaluations, "judged to the end of the soak");
    }

    [TestMethod]
    public async Task Run_WarnCheckUndecidedAtTheEnd_NeverExtendsTheSoak()
    {
        var store = new FakeMetricStore().Serve("error_ratio", t => t >= Some.DeployedAt.AddMinutes(28) ? 0.06 : 0.001);

        var outcome = await Run(store, new FakeTimeProvider(Some.DeployedAt.AddHours(2)), Extended(TimeSpan.FromMinutes(10)), null, default,
            Some.Threshold(max: 0.01, tolerance: 6) with { Severity = CheckSeverity.Warn });

        Assert.IsNull(outcome.ExtendedTo);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(30), outcome.DecidedAt);
        Assert.AreEqual(Verdict.Passed, outcome.Verdict, outcome.Reason);
    }
}
