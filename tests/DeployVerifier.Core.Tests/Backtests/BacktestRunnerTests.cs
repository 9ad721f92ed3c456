using DeployVerifier.Checklists;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Support;
using Microsoft.Extensions.Time.Testing;

namespace DeployVerifier.Backtests;

[TestClass]
public sealed class BacktestRunnerTests
{
    private static readonly DateTimeOffset T = new(2024, 8, 12, 8, 0, 0, TimeSpan.Zero);

    private const string Checklist = """
        soak: {duration: 10m, interval: 30s, warmUp: 30s, ingestionLag: 0s}
        checks:
          - name: errors
            query: errors
            max: 1
        """;

    private static VerificationPlan Plan()
    {
        var result = VerificationPlanner.Create(ChecklistLoader.Load(Checklist, "c.yml"), new PlanRequest(new Dictionary<string, string>()));
        Assert.IsNotNull(result.Plan, string.Join("\n", result.Errors));
        return result.Plan;
    }

    private static IReadOnlyList<BacktestCandidate> At(params TimeSpan[] offsets) =>
        BacktestSelection.Unidentified([.. offsets.Select((o, i) => new ReleaseListEntry(i + 1, T + o, null, null))]);

    private static async Task<BacktestRun> RunAsync(FakeMetricStore store, IReadOnlyList<BacktestCandidate> candidates, DateTimeOffset? now = null)
    {
        var time = new FakeTimeProvider(now ?? T.AddDays(1));
        return await new BacktestRunner(store, time, new NoObserver()).RunAsync(Plan(), candidates, CancellationToken.None);
    }

    [TestMethod]
    public async Task Run_NextReleaseBeforeTheSoakEnds_JudgedUpToThenAndSuperseded()
    {
        var store = new FakeMetricStore().Serve("errors", _ => 0);

        var run = await RunAsync(store, At(TimeSpan.Zero, TimeSpan.FromMinutes(5)));

        var first = run.Results[0];
        Assert.AreEqual(BacktestVerdict.Passed, first.Verdict, first.Reason);
        Assert.IsTrue(first.Superseded);
        Assert.AreEqual(T.AddMinutes(5), first.Outcome.Schedule.End);
        Assert.AreEqual(T.AddMinutes(5), first.DecidedAt);
        StringAssert.Contains(first.Reason, "superseded by the release at 2024-08-12T08:05:00Z 5 min after its start");
        Assert.IsFalse(run.Results[1].Superseded);
        Assert.AreEqual(T.AddMinutes(15), run.Results[1].DecidedAt);
    }

    [TestMethod]
    public async Task Run_NextReleaseBeforeTheWarmUpEnds_Inconclusive()
    {
        var run = await RunAsync(new FakeMetricStore().Serve("errors", _ => 0), At(TimeSpan.Zero, TimeSpan.FromSeconds(15)));

        Assert.AreEqual(BacktestVerdict.Inconclusive, run.Results[0].Verdict);
        StringAssert.Contains(run.Results[0].Reason, "before its warm-up ended");
    }

    [TestMethod]
    public async Task Run_SoakNotOverByNow_NotFinishedWithoutWaiting()
    {
        var store = new FakeMetricStore().Serve("errors", _ => 0);

        var run = await RunAsync(store, At(TimeSpan.Zero), now: T.AddMinutes(4));

        Assert.AreEqual(BacktestVerdict.NotFinished, run.Results[0].Verdict);
        StringAssert.Contains(run.Results[0].Reason, "nothing failed up to 2024-08-12T08:04:00Z");
        Assert.IsTrue(store.LatestTimeAsked <= T.AddMinutes(4), "no data from the future is asked for");
    }

    [TestMethod]
    public async Task Run_SoakNotOverButFailedAlready_Failed()
    {
        var run = await RunAsync(new FakeMetricStore().Serve("errors", t => t >= T.AddMinutes(2) ? 5 : 0), At(TimeSpan.Zero), now: T.AddMinutes(4));

        Assert.AreEqual(BacktestVerdict.Failed, run.Results[0].Verdict);
        Assert.AreEqual(T.AddMinutes(2), run.Results[0].DecidedAt);
    }

    [TestMethod]
    public async Task Run_StoreUnavailable_EveryReleaseNotJudgedIsInconclusiveWithItsWords()
    {
        var store = new FakeMetricStore { Failure = new MetricStoreUnavailableException("connection refused") };

        var run = await RunAsync(store, At(TimeSpan.Zero, TimeSpan.FromHours(3)));

        Assert.AreEqual("connection refused", run.Outage);
        Assert.IsTrue(run.Results.All(r => r.Verdict == BacktestVerdict.Inconclusive && r.Reason.Contains("Prometheus could not be read: connection refused", StringComparison.Ordinal)));
    }

    private sealed class NoObserver : IBacktestObserver
    {
        public void Judged(BacktestResult result, int judged, int total)
        {
        }
    }
}
