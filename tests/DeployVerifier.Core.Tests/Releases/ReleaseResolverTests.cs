using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Releases;

[TestClass]
public sealed class ReleaseResolverTests
{
    private static readonly DateTimeOffset OldStart = Some.DeployedAt.AddHours(-3);
    private static readonly TimeSpan Soak = TimeSpan.FromMinutes(30);

    private static readonly ReleaseLookup Lookup = new("releases", "replicaset", name => $"instances {name}", "pod");

    /// <summary>Two ReplicaSets: the old one (until <paramref name="oldPodsUntil"/>), and the new one from the deploy (until <paramref name="newPodsUntil"/>).</summary>
    private static FakeMetricStore Store(DateTimeOffset? newPodsUntil = null, DateTimeOffset? oldPodsUntil = null)
    {
        var store = new FakeMetricStore();
        store.Serve("releases", t =>
        {
            var sets = new List<(Labels, double)> { (new Labels([new("replicaset", "checkout-old")]), OldStart.ToUnixTimeSeconds()) };
            if (t >= Some.DeployedAt)
            {
                sets.Add((new Labels([new("replicaset", "checkout-new")]), Some.DeployedAt.ToUnixTimeSeconds()));
            }

            return sets;
        });
        store.Serve("instances checkout-new", t =>
            t >= Some.DeployedAt && t <= (newPodsUntil ?? DateTimeOffset.MaxValue) ? [(Some.Pod("checkout-new-a"), 1)] : []);
        store.Serve("instances checkout-old", t =>
            t <= (oldPodsUntil ?? Some.DeployedAt.AddSeconds(30)) || (newPodsUntil is { } undo && t > undo) ? [(Some.Pod("checkout-old-b"), 1)] : []);
        return store;
    }

    private static Task<ReleaseResolution> Resolve(FakeMetricStore store, DateTimeOffset? given, DateTimeOffset now) =>
        ReleaseResolver.ResolveAsync(store, Lookup, given, now, Soak, TimeSpan.FromHours(1), CancellationToken.None);

    [TestMethod]
    [DataRow(0)]
    [DataRow(120)]
    [DataRow(-60)]
    [DataRow(-300)]
    [DataRow(1800)]
    public async Task Resolve_DeployedAtLateOrALittleEarly_FindsTheReleaseAndItsStart(int offsetSeconds)
    {
        var resolution = await Resolve(Store(), Some.DeployedAt.AddSeconds(offsetSeconds), Some.DeployedAt.AddHours(2));

        Assert.IsNull(resolution.Error);
        Assert.AreEqual("checkout-new", resolution.Release!.Name);
        Assert.AreEqual(Some.DeployedAt, resolution.Release.StartedAt);
        Assert.AreEqual(ReleaseInfo.ByDeployedAt, resolution.Release.FoundBy);
        CollectionAssert.AreEqual(new[] { "checkout-old-b" }, resolution.Target!.PreviousInstances.ToArray(), "the baseline's instances");
        Assert.AreEqual("instances checkout-new", resolution.Target.InstancesQuery);
    }

    [TestMethod]
    public async Task Resolve_DeployedAtMoreThanFiveMinutesEarly_JudgesThePreviousRelease()
    {
        var resolution = await Resolve(Store(), Some.DeployedAt.AddMinutes(-6), Some.DeployedAt.AddHours(2));

        Assert.AreEqual("checkout-old", resolution.Release!.Name);
    }

    [TestMethod]
    public async Task Resolve_DeployedAtBeforeEveryRelease_IsAnErrorNamingTheNewest()
    {
        var resolution = await Resolve(Store(), OldStart.AddMinutes(-10), Some.DeployedAt.AddHours(2));

        Assert.IsNull(resolution.Release);
        StringAssert.Contains(resolution.Error!.Message, "before every release found; the newest is 'checkout-old'");
    }

    [TestMethod]
    public async Task Resolve_NoDeployedAt_JudgesTheNewestReleaseWithInstances()
    {
        var now = Some.DeployedAt.AddMinutes(45);

        var resolution = await Resolve(Store(), null, now);

        Assert.AreEqual("checkout-new", resolution.Release!.Name);
        Assert.AreEqual(ReleaseInfo.ByLatest, resolution.Release.FoundBy);
        StringAssert.Contains(resolution.Note, "45 min ago");
    }

    [TestMethod]
    public async Task Resolve_NoDeployedAtAfterARollback_JudgesTheReleaseThatStillHasInstances()
    {
        var store = Store(newPodsUntil: Some.DeployedAt.AddMinutes(10));

        var resolution = await Resolve(store, null, Some.DeployedAt.AddMinutes(20));

        Assert.IsNull(resolution.Release, "the old release started 3 h ago, longer ago than the soak + 1 h");
        StringAssert.Contains(resolution.Error!.Message, "the newest release with instances, 'checkout-old'");
        StringAssert.Contains(resolution.Error.Message, "pass --deployed-at");
    }

    [TestMethod]
    public async Task Resolve_NoDeployedAtAndTheNewestTooOld_IsAnError()
    {
        var resolution = await Resolve(Store(), null, Some.DeployedAt.AddHours(3));

        StringAssert.Contains(resolution.Error!.Message, "longer than the soak + 1h");
    }

    [TestMethod]
    public async Task Resolve_NoReleaseFound_IsAnErrorWithTheQuery()
    {
        var store = new FakeMetricStore().Serve("releases", _ => []);

        var resolution = await Resolve(store, null, Some.DeployedAt);

        StringAssert.Contains(resolution.Error!.Message, "release.releases found no release between");
        StringAssert.Contains(resolution.Error.Message, "(query: releases)");
    }

    [TestMethod]
    public async Task Resolve_LooksUpOverARangeNotAnInstant()
    {
        var store = Store();

        await Resolve(store, Some.DeployedAt, Some.DeployedAt.AddHours(2));

        Assert.AreEqual(store.Requests, store.RangeRequests, "a scrape gap at one instant can't hide a release");
    }
}
