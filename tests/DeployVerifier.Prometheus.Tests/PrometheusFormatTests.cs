namespace DeployVerifier.Prometheus.Tests;

[TestClass]
public sealed class PrometheusFormatTests
{
    [TestMethod]
    [DataRow(1_700_000_000_000L, "1700000000")]
    [DataRow(1_700_000_000_100L, "1700000000.1")]
    [DataRow(1_700_000_000_123L, "1700000000.123")]
    public void Time_WritesUnixSecondsWithDecimals(long unixMilliseconds, string expected) =>
        Assert.AreEqual(expected, PrometheusFormat.Time(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds)));

    [TestMethod]
    public void Time_OffsetIsIgnored_TheInstantCounts() =>
        Assert.AreEqual("1700000000", PrometheusFormat.Time(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).ToOffset(TimeSpan.FromHours(2))));

    [TestMethod]
    [DataRow(15_000, "15")]
    [DataRow(500, "0.5")]
    [DataRow(3_600_000, "3600")]
    public void Step_WritesSeconds(int milliseconds, string expected) =>
        Assert.AreEqual(expected, PrometheusFormat.Step(TimeSpan.FromMilliseconds(milliseconds)));
}
