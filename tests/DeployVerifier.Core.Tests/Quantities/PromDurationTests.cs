using DeployVerifier.Quantities;

namespace DeployVerifier.Quantities;

[TestClass]
public sealed class PromDurationTests
{
    [TestMethod]
    [DataRow("90s", 90_000L)]
    [DataRow("30m", 1_800_000L)]
    [DataRow("1h30m", 5_400_000L)]
    [DataRow("500ms", 500L)]
    [DataRow("1m500ms", 60_500L)]
    [DataRow("1d", 86_400_000L)]
    [DataRow("1w", 604_800_000L)]
    [DataRow("1y", 31_536_000_000L)]
    [DataRow("0s", 0L)]
    public void TryParse_Valid_GivesDuration(string text, long milliseconds)
    {
        Assert.IsTrue(PromDuration.TryParse(text, out var duration));
        Assert.AreEqual(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("30")]
    [DataRow("30 mins")]
    [DataRow("-5m")]
    [DataRow("1.5h")]
    [DataRow("30m1h")]
    [DataRow("1h1h")]
    [DataRow(" 1m")]
    [DataRow("99999999y")]
    [DataRow("9999999999999999999s")]
    [DataRow("30000y")]
    public void TryParse_Invalid_IsRefused(string? text)
    {
        Assert.IsFalse(PromDuration.TryParse(text, out _));
    }

    [TestMethod]
    [DataRow("90s", "1m30s")]
    [DataRow("1h30m", "1h30m")]
    [DataRow("1w", "7d")]
    [DataRow("1m500ms", "1m500ms")]
    [DataRow("0s", "0s")]
    public void Format_RoundTrips(string text, string formatted)
    {
        Assert.IsTrue(PromDuration.TryParse(text, out var duration));

        Assert.AreEqual(formatted, PromDuration.Format(duration));
        Assert.IsTrue(PromDuration.TryParse(formatted, out var again));
        Assert.AreEqual(duration, again);
    }

    [TestMethod]
    [DataRow(45, "45 s")]
    [DataRow(720, "12 min")]
    [DataRow(7500, "2 h 5 min")]
    [DataRow(7200, "2 h")]
    public void Humanize_WritesForPeople(int seconds, string expected)
    {
        Assert.AreEqual(expected, PromDuration.Humanize(TimeSpan.FromSeconds(seconds)));
    }
}
