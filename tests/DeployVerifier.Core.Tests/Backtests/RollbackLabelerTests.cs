using DeployVerifier.Metrics;
using DeployVerifier.Releases;
using DeployVerifier.Support;

namespace DeployVerifier.Backtests;

[TestClass]
public sealed class RollbackLabelerTests
{
    private static readonly DateTimeOffset T = new(2024, 8, 20, 10, 0, 0, TimeSpan.Zero);

    private static readonly ReleaseLookup Lookup = new("releases", "replicaset", name => $"pods{{owner=\"{name}\"}}", "pod");

    [TestMethod]
    // previous, own, rolled back
    [DataRow(new[] { 3, 2, 1, 0, 0 }, new[] { 1, 2, 3, 3, 3 }, false, DisplayName = "a rolling update")]
    [DataRow(new[] { 3, 2, 1, 0, 1, 2, 3 }, new[] { 1, 2, 3, 3, 2, 1, 0 }, true, DisplayName = "undone after the rollout")]
    [DataRow(new[] { 3, 2, 3 }, new[] { 1, 2, 1 }, true, DisplayName = "undone halfway")]
    [DataRow(new[] { 3, 2, 3, 3 }, new[] { 1, 2, 2, 3 }, false, DisplayName = "an old pod replaced while its own stay")]
    [DataRow(new[] { 0, 0, 0 }, new[] { 3, 2, 3 }, false, DisplayName = "its own pod replaced, the previous gone")]
    public void RolledBack_PreviousComesBackWhileItsOwnGo(int[] previous, int[] own, bool rolledBack) =>
        Assert.AreEqual(rolledBack, RollbackLabeler.RolledBack(previous, own));

    [TestMethod]
    public void Counts_DistinctInstancesPerStep()
    {
        Series Pod(string name, params int[] minutes) =>
            new(new Labels([new("pod", name)]), minutes.Select(m => new Sample(T.AddMinutes(m), 1)).ToList());

        var counts = RollbackLabeler.Counts([Pod("a", 0, 1), Pod("b", 1, 2), Pod("a", 2)], "pod", T, T.AddMinutes(3), TimeSpan.FromMinutes(1));

        CollectionAssert.AreEqual(new[] { 1, 2, 2, 0 }, counts.ToList());
    }

    [TestMethod]
    public async Task LabelAsync_UndoneRelease_NotPassed_OthersPassed_TheUnfinishedUnlabelled()
    {
        var v1 = new Release("v1", T.AddHours(-1));
        var v2 = new Release("v2", T);
        var v3 = new Release("v3", T.AddHours(2));
        var store = new FakeMetricStore()
            .Serve("pods{owner=\"v1\"}", t => t < T.AddMinutes(5) || (t >= T.AddMinutes(40) && t < T.AddHours(2)) ? [(Some.Pod("v1-a"), 1)] : [])
            .Serve("pods{owner=\"v2\"}", t => t >= T.AddMinutes(2) && t < T.AddMinutes(42) ? [(Some.Pod("v2-a"), 1)] : [])
            .Serve("pods{owner=\"v3\"}", t => t >= T.AddHours(2) ? [(Some.Pod("v3-a"), 1)] : [])
            .Serve(RollbackLabeler.RolledBackQuery, _ => []);
        BacktestCandidate[] candidates = [new(v2, v1, v3, null), new(v3, v2, null, null)];

        var labelled = await RollbackLabeler.LabelAsync(store, Lookup, candidates, TimeSpan.FromHours(1), T.AddHours(2.5), CancellationToken.None);

        Assert.AreEqual(ExpectedVerdict.NotPassed, labelled[0].Label);
        Assert.AreEqual(ExpectedVerdict.NotPassed, labelled[0].Expected);
        Assert.IsFalse(labelled[0].RolledBackByVerifier, "no annotation seen");
        Assert.IsNull(labelled[1].Label, "its hour is not over at the time of the run");
    }

    [TestMethod]
    public async Task LabelAsync_AnnotationNamesTheRelease_RolledBackByTheVerifier()
    {
        var v1 = new Release("v1", T.AddHours(-1));
        var v2 = new Release("v2", T);
        var annotation = new Labels([new("annotation_deploy_verifier_dev_rolled_back_release", "v2"), new("deployment", "checkout")]);
        var store = new FakeMetricStore()
            .Serve("pods{owner=\"v1\"}", t => t < T.AddMinutes(5) || t >= T.AddMinutes(20) ? [(Some.Pod("v1-a"), 1)] : [])
            .Serve("pods{owner=\"v2\"}", t => t >= T.AddMinutes(2) && t < T.AddMinutes(22) ? [(Some.Pod("v2-a"), 1)] : [])
            .Serve(RollbackLabeler.RolledBackQuery, t => t >= T.AddMinutes(19) ? [(annotation, 1)] : []);

        var labelled = await RollbackLabeler.LabelAsync(store, Lookup, [new(v2, v1, null, null)], TimeSpan.FromHours(1), T.AddDays(1), CancellationToken.None);

        Assert.AreEqual(ExpectedVerdict.NotPassed, labelled[0].Label);
        Assert.IsTrue(labelled[0].RolledBackByVerifier);
    }

    [TestMethod]
    public async Task LabelAsync_NoPreviousRelease_Passed()
    {
        var store = new FakeMetricStore().Serve(RollbackLabeler.RolledBackQuery, _ => []);

        var labelled = await RollbackLabeler.LabelAsync(store, Lookup, [new(new Release("v1", T), null, null, null)], TimeSpan.FromHours(1), T.AddDays(1),
            CancellationToken.None);

        Assert.AreEqual(ExpectedVerdict.Passed, labelled[0].Label);
        Assert.AreEqual(0, store.Requests);
    }

    [TestMethod]
    public void Fingerprint_LabelsChangeIt_UnlabelledListsKeepTheirs()
    {
        var release = new BacktestCandidate(new Release("v2", T), null, null, null);

        Assert.AreNotEqual(BacktestFingerprint.Of([release]), BacktestFingerprint.Of([release with { Label = ExpectedVerdict.Passed }]));
        Assert.AreEqual(BacktestFingerprint.Of("2024-08-20T10:00:00.0000000Z\tv2\t\t\n"), BacktestFingerprint.Of([release]));
    }
}
