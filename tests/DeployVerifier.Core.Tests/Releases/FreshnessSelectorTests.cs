namespace DeployVerifier.Releases;

[TestClass]
public sealed class FreshnessSelectorTests
{
    [TestMethod]
    [DataRow("kube_replicaset_created{namespace=\"shop\"} * on (namespace, replicaset) group_left () kube_replicaset_owner{owner_name=\"checkout\"}",
        "kube_replicaset_created{namespace=\"shop\"}")]
    [DataRow("max by (replicaset) (kube_replicaset_created{namespace=\"a}b\"})", "kube_replicaset_created{namespace=\"a}b\"}")]
    [DataRow("min_over_time(app_build_info{job=\"${job}\"}[5m]) > 0", "app_build_info{job=\"${job}\"}")]
    [DataRow("timestamp(process_start_time_seconds)", "process_start_time_seconds")]
    [DataRow("sum without (instance) ({__name__=\"up\", job=\"x\"})", "{__name__=\"up\", job=\"x\"}")]
    [DataRow("2 * max(  kube_replicaset_created  )", "kube_replicaset_created")]
    public void Find_GivesTheFirstVectorSelector(string query, string expected)
    {
        Assert.AreEqual(expected, FreshnessSelector.Find(query));
    }

    [TestMethod]
    [DataRow("vector(1)")]
    [DataRow("time() - 60")]
    public void Find_NoSelector_IsNull(string query)
    {
        Assert.IsNull(FreshnessSelector.Find(query));
    }
}
