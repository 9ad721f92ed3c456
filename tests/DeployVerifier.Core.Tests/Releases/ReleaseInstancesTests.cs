using DeployVerifier.Measurements;
using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Releases;

/// <summary>When a series' instance started, as the soak asks at every evaluation: the answer follows the instances as they come.</summary>
[TestClass]
public sealed class ReleaseInstancesTests
{
    private static Labels Pod(string pod) => new([new("namespace", "shop"), new("pod", pod)]);

    [TestMethod]
    public async Task StartOf_FollowsTheInstancesAsTheyStart_AndTheTimeAsked()
    {
        // checkout-1 starts at +1 min, checkout-2 at +3 min.
        var store = new FakeMetricStore().Serve("kube_pod_created", t => new[] { (Pod("checkout-1"), 1.0), (Pod("checkout-2"), 1.0) }
            .Where(p => p.Item1["pod"] == "checkout-1" ? t >= Some.DeployedAt.AddMinutes(1) : t >= Some.DeployedAt.AddMinutes(3)));
        var schedule = new SoakSchedule(Some.DeployedAt, TimeSpan.FromMinutes(10), TimeSpan.Zero, TimeSpan.FromSeconds(15));
        var instances = new ReleaseInstances(store, schedule, new ReleaseTarget("kube_pod_created", "pod", []));
        var pairing = instances.Pairing;
        var memory2 = new Labels([new("namespace", "shop"), new("pod", "checkout-2"), new("container", "app")]);

        await instances.EnsureThroughAsync(Some.DeployedAt.AddMinutes(2), CancellationToken.None);
        Assert.IsNull(instances.StartOf(memory2, Some.DeployedAt.AddMinutes(2), pairing), "checkout-2 has not started yet");
        Assert.AreEqual(Some.DeployedAt.AddMinutes(1), instances.StartOf(Pod("checkout-1"), Some.DeployedAt.AddMinutes(2), pairing));

        await instances.EnsureThroughAsync(Some.DeployedAt.AddMinutes(5), CancellationToken.None);
        Assert.AreEqual(Some.DeployedAt.AddMinutes(3), instances.StartOf(memory2, Some.DeployedAt.AddMinutes(5), pairing), "asked again once it started");
        Assert.IsNull(instances.StartOf(memory2, Some.DeployedAt.AddMinutes(2), pairing), "and not before its start");
        Assert.IsNull(instances.StartOf(Pod("checkout-9"), Some.DeployedAt.AddMinutes(5), pairing), "no such instance");
    }
}
