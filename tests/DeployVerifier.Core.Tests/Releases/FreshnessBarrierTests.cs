using DeployVerifier.Support;
using Microsoft.Extensions.Time.Testing;

namespace DeployVerifier.Releases;

[TestClass]
public sealed class FreshnessBarrierTests
{
    private const string Selector = "kube_replicaset_created{namespace=\"shop\"}";
    private static readonly DateTimeOffset RunStart = Some.DeployedAt;
    private static readonly TimeSpan WaitFor = TimeSpan.FromMinutes(2);

    private static async Task<FreshnessOutcome> WaitAsync(FakeMetricStore store, FakeTimeProvider time)
    {
        var waiting = FreshnessBarrier.WaitAsync(store, Selector, RunStart, WaitFor, TimeSpan.FromHours(1), time, CancellationToken.None);
        for (var i = 0; i < 200 && !waiting.IsCompleted; i++)
        {
            time.Advance(FreshnessBarrier.PollEvery);
            await Task.Delay(5);
        }

        return await waiting;
    }

    [TestMethod]
    public async Task Wait_StaleSeries_HoldsTheBarrierWhileARangeQueryStillReturnsPoints()
    {
        // kube-state-metrics' last scrape was 10 s before the run: a range or instant answer still has points at
        // evaluation times after the start (the 5-minute look-back), which prove nothing; the raw sample time does.
        var time = new FakeTimeProvider(RunStart);
        var lastScrape = RunStart.AddSeconds(-10);
        var store = new FakeMetricStore()
            .Serve(Selector, t => t >= lastScrape && t <= lastScrape.AddMinutes(5) ? 1700000000 : null)
            .Serve($"max(timestamp({Selector}))", _ => lastScrape.ToUnixTimeMilliseconds() / 1000.0)
            .Serve($"count(last_over_time({Selector}[1h]))", _ => 1);

        var range = await store.QueryRangeAsync(Selector, RunStart, RunStart.AddMinutes(1), TimeSpan.FromSeconds(15), CancellationToken.None);
        var outcome = await WaitAsync(store, time);

        Assert.IsTrue(range.Series.Single().Samples.All(s => s.Time >= RunStart), "points after the run's start");
        Assert.AreEqual(FreshnessState.Stale, outcome.State);
        Assert.AreEqual(lastScrape, outcome.Newest);
        Assert.AreEqual(WaitFor, outcome.Waited);
        StringAssert.Contains(outcome.Problem, "no release data scraped since the run began");
        StringAssert.Contains(outcome.Problem, Selector);
        StringAssert.Contains(outcome.Problem, "its newest sample is from");
    }

    [TestMethod]
    public async Task Wait_AScrapeAfterTheStart_Passes()
    {
        // Scraped every 30 s, last 20 s before the run: the next scrape comes 10 s into it.
        var time = new FakeTimeProvider(RunStart);
        var store = new FakeMetricStore()
            .Serve($"max(timestamp({Selector}))", _ => Math.Floor((time.GetUtcNow().ToUnixTimeSeconds() - 10) / 30.0) * 30 + 10)
            .Serve($"count(last_over_time({Selector}[1h]))", _ => 1);

        var outcome = await WaitAsync(store, time);

        Assert.AreEqual(FreshnessState.Fresh, outcome.State, outcome.Problem);
        Assert.IsTrue(outcome.Newest > RunStart);
        Assert.IsTrue(outcome.Waited <= TimeSpan.FromSeconds(12), $"waited {outcome.Waited}");
    }

    [TestMethod]
    public async Task Wait_NoSeriesAtAll_IsAMistakeAtOnce()
    {
        var time = new FakeTimeProvider(RunStart);
        var store = new FakeMetricStore()
            .Serve($"max(timestamp({Selector}))", _ => (double?)null)
            .Serve($"count(last_over_time({Selector}[1h]))", _ => (double?)null);

        var outcome = await WaitAsync(store, time);

        Assert.AreEqual(FreshnessState.NoSeries, outcome.State);
        Assert.AreEqual(TimeSpan.Zero, outcome.Waited);
        StringAssert.Contains(outcome.Problem, "matches no series in the last 1h");
    }
}
