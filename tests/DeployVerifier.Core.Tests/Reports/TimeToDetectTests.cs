namespace DeployVerifier.Reports;

[TestClass]
public sealed class TimeToDetectTests
{
    private static IEnumerable<TimeSpan> Minutes(params int[] minutes) => minutes.Select(m => TimeSpan.FromMinutes(m));

    [TestMethod]
    public void Of_FewerThanFive_GivesTheTimesThemselvesAndNoStatistic()
    {
        var time = TimeToDetect.Of(Minutes(9, 2, 4));

        Assert.IsNull(time.Median);
        Assert.IsNull(time.P90);
        CollectionAssert.AreEqual(Minutes(2, 4, 9).ToList(), time.Values.ToList());
    }

    [TestMethod]
    // n sorted 1..n minutes: p90 is at rank ceil(0.9 n)
    [DataRow(5, 5)]
    [DataRow(10, 9)]
    [DataRow(11, 10)]
    [DataRow(20, 18)]
    [DataRow(21, 19)]
    public void Of_FiveOrMore_P90IsTheNearestRank(int n, int p90)
    {
        var time = TimeToDetect.Of(Enumerable.Range(1, n).Reverse().Select(m => TimeSpan.FromMinutes(m)));

        Assert.AreEqual(TimeSpan.FromMinutes(p90), time.P90);
        Assert.IsEmpty(time.Values);
    }

    [TestMethod]
    public void Of_EvenCount_MedianIsTheMeanOfTheMiddleTwo()
    {
        Assert.AreEqual(TimeSpan.FromMinutes(3.5), TimeToDetect.Of(Minutes(1, 2, 3, 4, 5, 6)).Median);
        Assert.AreEqual(TimeSpan.FromMinutes(3), TimeToDetect.Of(Minutes(5, 1, 3, 2, 4)).Median);
    }
}
