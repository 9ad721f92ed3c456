using DeployVerifier.Metrics;

namespace DeployVerifier.Releases;

[TestClass]
public sealed class ReleaseInstancesTests
{
    private static Labels L(params (string Name, string Value)[] labels) => new(labels.Select(l => new KeyValuePair<string, string>(l.Name, l.Value)));

    [TestMethod]
    public void SameInstance_SharedLabelsEqual_Matches()
    {
        var series = L(("namespace", "shop"), ("pod", "checkout-a"), ("container", "checkout"));
        var instance = L(("namespace", "shop"), ("pod", "checkout-a"), ("owner_name", "checkout-7f"));

        Assert.IsTrue(ReleaseInstances.SameInstance(series, instance));
    }

    [TestMethod]
    public void SameInstance_ASharedLabelDiffers_DoesNotMatch()
    {
        Assert.IsFalse(ReleaseInstances.SameInstance(L(("job", "api"), ("instance", "10.0.0.11:8080")), L(("job", "api"), ("instance", "10.0.0.12:8080"))));
    }

    [TestMethod]
    public void SameInstance_NoLabelInCommon_DoesNotMatch()
    {
        Assert.IsFalse(ReleaseInstances.SameInstance(L(("pod", "a")), L(("instance", "10.0.0.11:8080"))));
    }
}
