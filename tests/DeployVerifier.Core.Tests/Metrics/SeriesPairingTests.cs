namespace DeployVerifier.Metrics;

[TestClass]
public sealed class SeriesPairingTests
{
    /// <summary>cAdvisor's working set as the kubelet job scrapes it.</summary>
    private static readonly Labels Memory = L(("__name__", "container_memory_working_set_bytes"), ("job", "kubelet"), ("instance", "10.0.1.5:10250"),
        ("endpoint", "https-metrics"), ("service", "kubelet"), ("metrics_path", "/metrics/cadvisor"), ("node", "node-a"), ("namespace", "shop"),
        ("pod", "checkout-7f-a"), ("container", "checkout"), ("id", "/kubepods/x"), ("image", "checkout:2"));

    private static Labels L(params (string Name, string Value)[] labels) => new(labels.Select(l => new KeyValuePair<string, string>(l.Name, l.Value)));

    /// <summary>A kube-state-metrics series of the same pod, from its own job and instance.</summary>
    private static Labels Ksm(string pod = "checkout-7f-a", string? container = "checkout", params (string Name, string Value)[] more) =>
        L([("job", "kube-state-metrics"), ("instance", "10.0.2.9:8080"), ("endpoint", "http"), ("service", "kube-state-metrics"), ("node", "node-b"),
            ("namespace", "shop"), ("pod", pod), ("uid", "3f2a"), .. container is null ? [] : new[] { ("container", container) }, .. more]);

    [TestMethod]
    public void Pairs_ForInstances_CadvisorAndKubeStateMetricsOfOnePod_Pair()
    {
        Assert.IsTrue(SeriesPairing.ForInstances("pod").Pairs(Memory, Ksm(), requireShared: true));
    }

    [TestMethod]
    public void Pairs_EveryLabelShared_TargetLabelsDiffer_DoNotPair()
    {
        // The rule this replaced: every shared label equal. job, instance, endpoint, service and node all differ.
        Assert.IsFalse(Memory.Values.Where(p => p.Key != "__name__").All(p => Ksm()[p.Key] is not { } other || other == p.Value));
        Assert.IsTrue(SeriesPairing.SharedLabels.Pairs(Memory, Ksm()));
    }

    [TestMethod]
    [DataRow("checkout-7f-b", "checkout")]
    [DataRow("checkout-7f-a", "istio-proxy")]
    public void Pairs_ForInstances_OtherPodOrContainer_DoNotPair(string pod, string container)
    {
        Assert.IsFalse(SeriesPairing.ForInstances("pod").Pairs(Memory, Ksm(pod, container)));
    }

    [TestMethod]
    public void Pairs_ForInstances_ContainerOnOneSideOnly_PairsOnThePod()
    {
        Assert.IsTrue(SeriesPairing.ForInstances("pod").Pairs(Memory, Ksm("checkout-7f-a", null, ("owner_kind", "ReplicaSet")), requireShared: true));
    }

    [TestMethod]
    public void Pairs_RequireShared_NoIdentifyingLabelInCommon_DoesNotPair()
    {
        Assert.IsFalse(SeriesPairing.ForInstances("pod").Pairs(L(("job", "api"), ("instance", "10.0.0.11:8080")), Ksm(), requireShared: true));
        Assert.IsTrue(SeriesPairing.ForInstances("pod").Pairs(L(), L()), "two aggregates pair as companions");
    }

    [TestMethod]
    public void Pairs_VmFleetOnInstance_TheInstanceLabelIdentifies()
    {
        var pairing = SeriesPairing.ForInstances("instance");

        Assert.IsTrue(pairing.Pairs(L(("job", "api"), ("instance", "10.0.0.11:8080")), L(("job", "api"), ("instance", "10.0.0.11:8080"), ("version", "1.4.2")), true));
        Assert.IsFalse(pairing.Pairs(L(("job", "api"), ("instance", "10.0.0.11:8080")), L(("job", "api"), ("instance", "10.0.0.12:8080")), true));
    }

    [TestMethod]
    public void Pairs_MatchOn_OnlyTheListedLabelsCount_AMissingOneIsEmpty()
    {
        var pairing = SeriesPairing.On(["namespace", "pod"]);

        Assert.IsTrue(pairing.Pairs(Memory, Ksm(container: "other")), "container is not listed");
        Assert.IsFalse(pairing.Pairs(Memory, L(("namespace", "shop"))), "a pod on one side only");
    }

    [TestMethod]
    public void Find_SidecarLimits_EachContainerGetsItsOwn()
    {
        var limits = new[] { (Ksm(), 512.0), (Ksm(container: "istio-proxy"), 128.0), (Ksm("checkout-7f-b"), 256.0) };

        var match = SeriesPairing.ForInstances("pod").Find(Memory, limits);

        Assert.AreEqual(512.0, match.Value);
        Assert.IsNull(match.Ambiguity);
    }

    [TestMethod]
    public void Find_TwoCompanionsWithDifferentValues_TakesTheSmallerAndNamesBoth()
    {
        var podMemory = L(("namespace", "shop"), ("pod", "checkout-7f-a"));
        var limits = new[] { (Ksm(), 512.0), (Ksm(container: "istio-proxy"), 128.0) };

        var match = SeriesPairing.ForInstances("pod").Find(podMemory, limits);

        Assert.AreEqual(128.0, match.Value);
        StringAssert.Contains(match.Ambiguity, "container=\"checkout\"");
        StringAssert.Contains(match.Ambiguity, "container=\"istio-proxy\"");
        StringAssert.Contains(match.Ambiguity, "set matchOn");
    }

    [TestMethod]
    public void Find_TheMostSpecificCompanionWins()
    {
        var limits = new[] { (L(("namespace", "shop")), 2048.0), (Ksm(), 512.0) };

        Assert.AreEqual(512.0, SeriesPairing.ForInstances("pod").Find(Memory, limits).Value);
    }

    [TestMethod]
    public void Find_NoCompanionPairs_IsNone()
    {
        Assert.AreEqual(PairingMatch.None, SeriesPairing.ForInstances("pod").Find(Memory, [(Ksm("checkout-7f-b"), 1.0)]));
    }
}
