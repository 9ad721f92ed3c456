namespace DeployVerifier.Metrics;

/// <summary>An index of companions finds, for every series, exactly what a search of all of them finds.</summary>
[TestClass]
public sealed class PairingIndexTests
{
    private static readonly string[] Pods = ["checkout-a", "checkout-b", "checkout-c"];
    private static readonly string[] Containers = ["app", "istio-proxy"];

    private static Labels RandomLabels(Random random)
    {
        var labels = new List<KeyValuePair<string, string>>();
        void Maybe(string name, string[] values, double chance)
        {
            if (random.NextDouble() < chance)
            {
                labels.Add(new(name, values[random.Next(values.Length)]));
            }
        }

        Maybe("namespace", ["shop", "other"], 0.9);
        Maybe("pod", Pods, 0.85);
        Maybe("container", Containers, 0.6);
        Maybe("job", ["kubelet", "kube-state-metrics"], 0.7);
        Maybe("instance", ["10.0.0.1:10250", "10.0.0.2:8080"], 0.5);
        return new Labels(labels);
    }

    [TestMethod]
    [DataRow("instances")]
    [DataRow("matchOn")]
    [DataRow("shared")]
    public void Find_Indexed_IsTheSameAsASearchOfAll(string rule)
    {
        var pairing = rule switch
        {
            "instances" => SeriesPairing.ForInstances("pod"),
            "matchOn" => SeriesPairing.On(["namespace", "pod"]),
            _ => SeriesPairing.SharedLabels,
        };
        var random = new Random(20261207);
        for (var round = 0; round < 200; round++)
        {
            var companions = Enumerable.Range(0, random.Next(0, 12)).Select(_ => (RandomLabels(random), (double)random.Next(1, 4))).ToList();
            var index = pairing.Index(companions);
            for (var s = 0; s < 10; s++)
            {
                var series = RandomLabels(random);
                Assert.AreEqual(pairing.Find(series, companions), pairing.Find(series, index), $"round {round}: {series}");
            }
        }
    }
}
