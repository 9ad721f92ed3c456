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
    /// <param name="newPodsUntil">When the new release's pods go (an undo).</param>
    /// <param name="oldPodsUntil">When the old release's pods go.</param>
    /// <param name="clock">Live: the store knows the new ReplicaSet only once the clock has passed its creation, whatever the query's time.</param>
    private static FakeMetricStore Store(DateTimeOffset? newPodsUntil = null, DateTimeOffset? oldPodsUntil = null, TimeProvider? clock = null)
    {
        var store = new FakeMetricStore();
        store.Serve("releases", t =>
        {
            var sets = new List<(Labels, double)> { (new Labels([new("replicaset", "checkout-old")]), OldStart.ToUnixTimeSeconds()) };
            if ((clock?.GetUtcNow() ?? t) >= Some.DeployedAt && t >= Some.DeployedAt)
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
    [DataRow(300)]
    [DataRow(-60)]
    [DataRow(-300)]
    public async Task Resolve_DeployedAtWithinFiveMinutes_FindsTheReleaseAndItsStart(int offsetSeconds)
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
    [DataRow(-6)]
    [DataRow(30)]
    public async Task Resolve_DeployedAtMoreThanFiveMinutesFromEveryRelease_NeverJudgesAnEarlierOne(int offsetMinutes)
    {
        var resolution = await Resolve(Store(), Some.DeployedAt.AddMinutes(offsetMinutes), Some.DeployedAt.AddHours(2));

        Assert.IsNull(resolution.Release, "the previous release started hours before: judging it would judge a window before the deploy");
        StringAssert.Contains(resolution.Error!.Message, "no release started within 5m of --deployed-at");
        StringAssert.Contains(resolution.Error.Message, "the deploy changed nothing");
    }

    [TestMethod]
    public async Task Resolve_DeployedAtBeforeEveryRelease_IsAnErrorNamingTheNewest()
    {
        var resolution = await Resolve(Store(), OldStart.AddMinutes(-10), Some.DeployedAt.AddHours(2));

        Assert.IsNull(resolution.Release);
        StringAssert.Contains(resolution.Error!.Message, "no release started within 5m of --deployed-at");
        StringAssert.Contains(resolution.Error.Message, "the newest found is 'checkout-old'");
    }

    [TestMethod]
    public async Task Resolve_DeployedAtAfterAnUndo_JudgesTheReleaseScaledUpAgainFromTheDeployTime()
    {
        // The new release ran 10 minutes; then the undo scaled the old ReplicaSet up again, with new pods.
        var undo = Some.DeployedAt.AddMinutes(10);
        var store = Store(newPodsUntil: undo, oldPodsUntil: Some.DeployedAt.AddSeconds(30));

        var resolution = await Resolve(store, undo, undo.AddMinutes(20));

        Assert.IsNull(resolution.Error, resolution.Error?.Message);
        Assert.AreEqual("checkout-old", resolution.Release!.Name);
        Assert.AreEqual(ReleaseInfo.ByInstancesSince, resolution.Release.FoundBy);
        Assert.AreEqual(undo, resolution.Release.StartedAt, "the soak is anchored at --deployed-at");
        StringAssert.Contains(resolution.Note, "whose instances checkout-old-b started since");
        CollectionAssert.AreEqual(new[] { "checkout-new-a" }, resolution.Target!.PreviousInstances.ToArray(), "the baseline: the release undone");
    }

    [TestMethod]
    public async Task Resolve_LiveBeforeTheReleaseStarted_WaitsForIt()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Some.DeployedAt.AddSeconds(-20));
        var store = Store(clock: time);
        var wait = new ReleaseWait(time, Some.DeployedAt.AddMinutes(5).AddSeconds(30));

        var resolving = ReleaseResolver.ResolveAsync(store, Lookup, Some.DeployedAt.AddSeconds(-30), time.GetUtcNow(), Soak, TimeSpan.FromHours(1),
            CancellationToken.None, wait);
        for (var i = 0; i < 20 && !resolving.IsCompleted; i++)
        {
            time.Advance(ReleaseWait.PollEvery);
            await Task.Delay(10);
        }

        var resolution = await resolving;
        Assert.AreEqual("checkout-new", resolution.Release!.Name, "the step began 20 s before the rollout");
        Assert.IsTrue(time.GetUtcNow() >= Some.DeployedAt, "it waited");
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
