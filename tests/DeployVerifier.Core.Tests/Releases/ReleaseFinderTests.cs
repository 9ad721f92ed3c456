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
}
