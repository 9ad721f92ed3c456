using DeployVerifier.Metrics;

namespace DeployVerifier.Releases;

[TestClass]
public sealed class ReleaseFinderTests
{
    private static readonly DateTimeOffset T0 = new(2024, 8, 16, 13, 0, 0, TimeSpan.Zero);

    private static Series Series(string version, params double[] values) =>
        new(new Labels([new("version", version)]), values.Select((v, i) => new Sample(T0.AddMinutes(i), v)).ToList());

    [TestMethod]
    public void FromSeries_TakesTheSmallestValueAsTheStart_OldestFirst()
    {
        var releases = ReleaseFinder.FromSeries([Series("1.4.2", 1723815920, 1723815900), Series("1.4.1", 1723700000)], "version");

        Assert.HasCount(2, releases);
        Assert.AreEqual(new Release("1.4.1", DateTimeOffset.FromUnixTimeSeconds(1723700000)), releases[0]);
        Assert.AreEqual(new Release("1.4.2", DateTimeOffset.FromUnixTimeSeconds(1723815900)), releases[1]);
    }

    [TestMethod]
    public void FromSeries_SeriesWithoutTheLabelOrAStart_AreLeftOut()
    {
        var unlabelled = new Series(new Labels([new("other", "x")]), [new Sample(T0, 1723815900)]);

        var releases = ReleaseFinder.FromSeries([unlabelled, Series("nan", double.NaN), Series("zero", 0), Series("huge", 1e15)], "version");

        Assert.IsEmpty(releases);
    }

    [TestMethod]
    [DataRow(1.0, 5)]
    [DataRow(30.0, 5)]
    [DataRow(850.0, 5)]
    [DataRow(30.0, 2)]
    [DataRow(0.01, 5)]
    public void Grid_StepsNoFurtherThanTheLookback_InChunksPrometheusAccepts(double days, int lookbackMinutes)
    {
        var to = T0.AddDays(days);
        var lookback = TimeSpan.FromMinutes(lookbackMinutes);

        var grid = ReleaseFinder.Grid(T0, to, lookback);

        Assert.IsTrue(grid[0].Start <= T0, $"the grid covers the range's start: {grid[0].Start:o}");
        Assert.AreEqual(to, grid[^1].End, "the grid ends at the range's end");
        foreach (var (start, end, step) in grid)
        {
            Assert.IsTrue(step <= lookback, $"step {step} is longer than the lookback {lookback}");
            Assert.IsLessThanOrEqualTo(ReleaseFinder.MaxPointsPerRequest, (int)((end - start) / step) + 1);
            Assert.IsLessThan(11_000, (int)((end - start) / step), "Prometheus refuses more than 11,000 points per series");
        }

        for (var i = 1; i < grid.Count; i++)
        {
            Assert.AreEqual(grid[i - 1].End + grid[i].Step, grid[i].Start, "consecutive chunks of one grid, no gap and no overlap");
        }
    }

    [TestMethod]
    public async Task ListAsync_ThirtyDays_FindsAReleaseWhoseSeriesLivedTwentyMinutes()
    {
        // A bad release that ran for 20 minutes; its series exists only then. A step of window/1000 (43 min) can step over it.
        var to = T0.AddDays(30);
        var brief = T0.AddDays(17).AddMinutes(7);
        var store = new Support.FakeMetricStore().Serve("releases", t => t >= brief && t < brief.AddMinutes(20)
            ? [(new Labels([new("replicaset", "checkout-bad")]), (double)brief.ToUnixTimeSeconds())]
            : []);
        var lookup = new ReleaseLookup("releases", "replicaset", _ => "", "pod");

        var found = await ReleaseFinder.ListAsync(store, lookup, T0, to, CancellationToken.None);

        Assert.AreEqual("checkout-bad", found.Single().Name);
        Assert.AreEqual(brief, found.Single().StartedAt);
        Assert.AreEqual(1, store.RangeRequests, "30 days at 5 min is 8,641 points: one request");
    }

    [TestMethod]
    public async Task ListAsync_LongerThanOneRequestHolds_AsksInChunksAndMergesTheReleases()
    {
        var to = T0.AddDays(100);
        var store = new Support.FakeMetricStore().Serve("releases", t =>
            [(new Labels([new("replicaset", t < T0.AddDays(50) ? "old" : "new")]), (double)(t < T0.AddDays(50) ? T0 : T0.AddDays(50)).ToUnixTimeSeconds())]);

        var found = await ReleaseFinder.ListAsync(store, new ReleaseLookup("releases", "replicaset", _ => "", "pod"), T0, to, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "old", "new" }, found.Select(r => r.Name).ToArray());
        Assert.AreEqual(3, store.RangeRequests, "100 days at 5 min is 28,801 points: three requests of at most 10,000");
    }
}
