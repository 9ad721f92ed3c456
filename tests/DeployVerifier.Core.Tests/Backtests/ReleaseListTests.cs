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
    public void Parse_Within_GivesABadReleaseItsDeadline()
    {
        var (entries, errors) = ReleaseList.Parse(
            "2024-08-12T14:00:00Z    failed within 30m    crash loop of 12 August (INC-2041)\n2024-08-13T05:00:00Z not-passed within 1h30m\n2024-08-13T08:00:00Z failed\n",
            "r.txt");

        Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
        Assert.AreEqual(new ReleaseListEntry(1, new DateTimeOffset(2024, 8, 12, 14, 0, 0, TimeSpan.Zero), ExpectedVerdict.Failed, "crash loop of 12 August (INC-2041)")
        {
            Deadline = TimeSpan.FromMinutes(30),
        }, entries[0]);
        Assert.AreEqual(TimeSpan.FromMinutes(90), entries[1].Deadline);
        Assert.IsNull(entries[1].Name);
        Assert.IsNull(entries[2].Deadline, "without within, no deadline");
    }

    [TestMethod]
    [DataRow("2024-08-12T14:00:00Z passed within 30m GC tuning", "r.txt:1:1: 'passed within 30m': a good release has no deadline; drop 'within 30m'", DisplayName = "on passed")]
    [DataRow("2024-08-12T14:00:00Z passed within", "r.txt:1:1: 'passed within': a good release has no deadline", DisplayName = "on passed, no duration")]
    [DataRow("2024-08-12T14:00:00Z failed within", "r.txt:1:1: 'within' needs a duration after it, like failed within 30m", DisplayName = "no duration")]
    [DataRow("2024-08-12T14:00:00Z failed within half-an-hour crash", "r.txt:1:1: 'half-an-hour' is not a duration; write the deadline like 30m or 1h30m", DisplayName = "bad duration")]
    [DataRow("2024-08-12T14:00:00Z not-passed within -5m", "r.txt:1:1: '-5m' is not a duration", DisplayName = "negative")]
    [DataRow("2024-08-12T14:00:00Z failed within 0s", "r.txt:1:1: a deadline of '0s' leaves no time to decide; give a positive duration like failed within 30m", DisplayName = "zero")]
    [DataRow("2024-08-12T14:00:00Z failed within 30 minutes crash", "r.txt:1:1: '30 minutes' is not a duration: a number needs its unit joined to it, like failed within 30m", DisplayName = "unit apart")]
    [DataRow("2024-08-12T14:00:00Z failed WITHIN 1m crash", "r.txt:1:1: 'WITHIN': write the deadline in lower case, like failed within 30m", DisplayName = "upper case")]
    [DataRow("2024-08-12T14:00:00Z failed within r3-crash-loop", "r.txt:1:1: 'r3-crash-loop' is not a duration; write the deadline like 30m or 1h30m before the name", DisplayName = "name where the duration goes")]
    [DataRow("2024-08-12T14:00:00Z within 30m", "r.txt:1:1: 'within' follows a verdict: write failed within 30m", DisplayName = "no verdict")]
    public void Parse_BadDeadline_IsAnErrorWithItsLine(string text, string message)
    {
        var (entries, errors) = ReleaseList.Parse(text, "r.txt");

        Assert.AreEqual(1, errors.Count, string.Join("\n", errors));
        StringAssert.Contains(errors[0].ToString(), message);
        Assert.IsEmpty(entries);
    }

    [TestMethod]
    public void Parse_EveryBadLineAndRepeatedTime_AllReportedAtOnce()
    {
        var (_, errors) = ReleaseList.Parse("x\n2024-08-12T14:00:00Z passed\ny\n2024-08-12T16:00:00+02:00 failed\n", "r.txt");

        CollectionAssert.AreEqual(new[] { 1, 3, 4 }, errors.Select(e => e.Location!.Value.Line).ToList());
        StringAssert.Contains(errors[2].Message, "listed already on line 2");
    }
}
