namespace DeployVerifier.Reports;

[TestClass]
public sealed class WilsonIntervalTests
{
    [TestMethod]
    // successes, trials, low, high: Newcombe (1998), table I, and R's prop.test(correct = FALSE)
    [DataRow(0, 10, 0.0, 0.2775)]
    [DataRow(1, 4, 0.0456, 0.6994)]
    [DataRow(5, 10, 0.2366, 0.7634)]
    [DataRow(1, 100, 0.0018, 0.0545)]
    [DataRow(10, 10, 0.7225, 1.0)]
    public void Of_KnownProportions_GivesThePublishedBounds(int successes, int trials, double low, double high)
    {
        var interval = WilsonInterval.Of(successes, trials)!;

        Assert.AreEqual(low, interval.Low, 0.0001);
        Assert.AreEqual(high, interval.High, 0.0001);
    }

    [TestMethod]
    public void Of_NoTrials_IsNull() => Assert.IsNull(WilsonInterval.Of(0, 0));
}
