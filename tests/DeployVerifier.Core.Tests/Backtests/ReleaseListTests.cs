namespace DeployVerifier.Backtests;

[TestClass]
public sealed class ReleaseListTests
{
    [TestMethod]
    public void Parse_TimesVerdictsNamesAndComments_KeepsLineNumbers()
    {
        var (entries, errors) = ReleaseList.Parse("# known releases\n\n2024-08-12T14:00:00Z failed crash loop of 12 Aug # the incident\r\n2024-08-12T19:00:00+02:00\n2024-08-13T05:00:00Z not-passed\n", "r.txt");

        Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
        Assert.AreEqual(3, entries.Count);
        Assert.AreEqual(new ReleaseListEntry(3, new DateTimeOffset(2024, 8, 12, 14, 0, 0, TimeSpan.Zero), ExpectedVerdict.Failed, "crash loop of 12 Aug"), entries[0]);
        Assert.AreEqual(new ReleaseListEntry(4, new DateTimeOffset(2024, 8, 12, 17, 0, 0, TimeSpan.Zero), null, null), entries[1]);
        Assert.AreEqual(ExpectedVerdict.NotPassed, entries[2].Expected);
    }

    [TestMethod]
    [DataRow("2024-08-12 14:00 failed", "r.txt:1:1: '2024-08-12' is not an RFC 3339 time", DisplayName = "no T and no zone")]
    [DataRow("2024-08-12T14:00:00 failed", "r.txt:1:1: '2024-08-12T14:00:00' is not an RFC 3339 time", DisplayName = "no zone")]
    [DataRow("2024-08-12T14:00:00Z bad", "r.txt:1:1: 'bad' is not a verdict", DisplayName = "unknown verdict")]
    [DataRow("# nothing", "lists no release", DisplayName = "empty")]
    public void Parse_BadLine_IsAnErrorWithItsLine(string text, string message)
    {
        var (_, errors) = ReleaseList.Parse(text, "r.txt");

        Assert.AreEqual(1, errors.Count);
        StringAssert.Contains(errors[0].ToString(), message);
    }

    [TestMethod]
    public void Parse_EveryBadLineAndRepeatedTime_AllReportedAtOnce()
    {
        var (_, errors) = ReleaseList.Parse("x\n2024-08-12T14:00:00Z passed\ny\n2024-08-12T16:00:00+02:00 failed\n", "r.txt");

        CollectionAssert.AreEqual(new[] { 1, 3, 4 }, errors.Select(e => e.Location!.Value.Line).ToList());
        StringAssert.Contains(errors[2].Message, "listed already on line 2");
    }
}
