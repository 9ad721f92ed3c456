using static DeployVerifier.Checklists.ChecklistText;

namespace DeployVerifier.Checklists.Validation;

/// <summary>The <c>release</c> section as ReleaseValidator reads it.</summary>
[TestClass]
public sealed class ReleaseSectionTests
{
    [TestMethod]
    public void Load_ReleaseMatchOnFreshnessWaitFor_AreReadAndDefaulted()
    {
        var plain = LoadValid(ReleaseSection + "\n" + Minimal).Release!;
        var given = LoadValid(ReleaseSection + "\n  matchOn: [namespace, pod]\n  freshness: kube_replicaset_created{namespace=\"shop\"}\n  waitFor: 45s\n"
            + Minimal.Replace("max: 1", "max: 1\n    matchOn: [pod]", StringComparison.Ordinal));

        Assert.IsNull(plain.MatchOn);
        Assert.IsNull(plain.Freshness);
        Assert.AreEqual(ChecklistDefaults.ReleaseWaitFor, plain.WaitFor);
        CollectionAssert.AreEqual(new[] { "namespace", "pod" }, given.Release!.MatchOn!.ToArray());
        Assert.AreEqual("kube_replicaset_created{namespace=\"shop\"}", given.Release.Freshness);
        Assert.AreEqual(TimeSpan.FromSeconds(45), given.Release.WaitFor);
        CollectionAssert.AreEqual(new[] { "pod" }, given.Checks[0].MatchOn!.ToArray());
    }

    [TestMethod]
    public void Load_ReleaseLookback_DefaultsToPrometheusFiveMinutesAndReachesTheLookup()
    {
        var plain = LoadValid(ReleaseSection + "\n" + Minimal).Release!;
        var given = LoadValid(ReleaseSection + "\n  lookback: 2m\n" + Minimal).Release!;

        Assert.AreEqual(TimeSpan.FromMinutes(5), plain.Lookback);
        Assert.AreEqual(TimeSpan.FromMinutes(2), given.Lookback);
    }

    [TestMethod]
    [DataRow("  matchOn: []", "release.matchOn: must name at least one label", 6, 12)]
    [DataRow("  matchOn: [pod, 'a-b']", "release.matchOn[1]: expected a label name", 6, 18)]
    [DataRow("  matchOn: [pod, pod]", "release.matchOn[1]: 'pod' is listed twice", 6, 18)]
    [DataRow("  freshness: vector(1)", "release.freshness: is not a series selector", 6, 14)]
    [DataRow("  waitFor: 2h", "release.waitFor: 2h is out of range; it must be at most 1h", 6, 12)]
    [DataRow("  lookback: 2h", "release.lookback: 2h is out of range; it must be between 15s and 1h", 6, 13)]
    [DataRow("  lookback: 5s", "release.lookback: 5s is out of range; it must be between 15s and 1h", 6, 13)]
    [DataRow("  lookback: five", "release.lookback: 'five' is not a duration", 6, 13)]
    public void Load_BadReleaseLiveKeys_ReportErrorAtValue(string line, string message, int row, int column)
    {
        var error = SingleError(ReleaseSection + "\n" + line + "\n" + Minimal);

        StringAssert.StartsWith(error.Message, message);
        AssertAt(error, row, column);
    }
}
