using DeployVerifier.Releases;

namespace DeployVerifier.Backtests;

[TestClass]
public sealed class BacktestSelectionTests
{
    private static readonly DateTimeOffset T = new(2024, 8, 12, 8, 0, 0, TimeSpan.Zero);
    private static readonly Release[] Found = [new("a", T.AddHours(-3)), new("b", T), new("c", T.AddHours(3)), new("d", T.AddHours(6))];

    [TestMethod]
    public void InWindow_StartsInsideTheWindow_WithTheirNeighbours()
    {
        var candidates = BacktestSelection.InWindow(Found, T.AddMinutes(-10), T.AddHours(3).AddMinutes(10));

        CollectionAssert.AreEqual(new[] { "b", "c" }, candidates.Select(c => c.Release.Name).ToList());
        Assert.AreEqual("a", candidates[0].Previous!.Name);
        Assert.AreEqual("d", candidates[1].Next!.Name);
    }

    [TestMethod]
    public void FromList_TimeFiveMinutesLateOrEarly_SnapsAsDeployedAtDoes()
    {
        var entries = new[] { new ReleaseListEntry(1, T.AddMinutes(5), ExpectedVerdict.Passed, null), new ReleaseListEntry(2, T.AddHours(3).AddMinutes(-4), null, "c") };

        var (candidates, errors) = BacktestSelection.FromList(Found, entries, "r.txt");

        Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
        CollectionAssert.AreEqual(new[] { "b", "c" }, candidates.Select(c => c.Release.Name).ToList());
        Assert.AreEqual(ExpectedVerdict.Passed, candidates[0].Entry!.Expected);
    }

    [TestMethod]
    public void FromList_NoReleaseWithinFiveMinutesOrTwice_ErrorsWithTheirLines()
    {
        var entries = new[]
        {
            new ReleaseListEntry(2, T.AddHours(-9), null, null),
            new ReleaseListEntry(3, T.AddMinutes(20), null, null),
            new ReleaseListEntry(4, T, null, null),
            new ReleaseListEntry(5, T.AddMinutes(1), null, null),
        };

        var (candidates, errors) = BacktestSelection.FromList(Found, entries, "r.txt");

        Assert.AreEqual(0, candidates.Count);
        CollectionAssert.AreEqual(new[] { 2, 3, 5 }, errors.Select(e => e.Location!.Value.Line).ToList());
        StringAssert.Contains(errors[0].Message, "no release started within 5m of 2024-08-11T23:00:00Z; the first after is 'a'");
        StringAssert.Contains(errors[1].Message, "no release started within 5m of 2024-08-12T08:20:00Z; the newest before is 'b'");
        StringAssert.Contains(errors[2].Message, "as line 4 does already");
    }
}
