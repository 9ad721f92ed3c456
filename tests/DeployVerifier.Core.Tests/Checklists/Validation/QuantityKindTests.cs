using DeployVerifier.Quantities;
using static DeployVerifier.Checklists.ChecklistText;

namespace DeployVerifier.Checklists.Validation;

/// <summary>
/// Kubernetes' quantities in a checklist: each field reads <c>m</c> by what it holds (redundancy.capacity: CPU cores,
/// trend.limit: bytes, else the check's unit), and <c>Ki/Mi/Gi/Ti</c>, <c>k/M/G/T</c> are bytes.
/// </summary>
[TestClass]
public sealed class QuantityKindTests
{
    private const string Redundancy = """
        release:
          releases: kube_replicaset_created
          label: replicaset
          instances: kube_pod_owner{owner_name="${release}"}
          instanceLabel: pod
        checks:
          - name: cpu
            type: redundancy
            query: rate(cpu_seconds_total[2m])
            redundancy: {capacity: CAPACITY}
        """;

    private static string Trend(string limit, string unit = "") => $$"""
        checks:
          - name: memory
            type: trend
            query: container_memory_working_set_bytes
            {{unit}}
            trend: {limit: {{limit}}}
        """;

    [TestMethod]
    [DataRow("500m", 0.5)]
    [DataRow("2", 2.0)]
    [DataRow("1500m", 1.5)]
    public void Load_CapacityInMillicores_IsCores(string capacity, double cores)
    {
        var check = LoadValid(Redundancy.Replace("CAPACITY", capacity, StringComparison.Ordinal)).Checks.Single();

        Assert.AreEqual(cores, check.Redundancy!.Capacity!.Value, 1e-12);
    }

    [TestMethod]
    [DataRow("512Mi", 536_870_912d)]
    [DataRow("1Gi", 1_073_741_824d)]
    [DataRow("1G", 1e9)]
    [DataRow("1GiB", 1_073_741_824d)]
    public void Load_TrendLimitInKubernetesBytes_IsBytes(string limit, double bytes)
    {
        var check = LoadValid(Trend(limit)).Checks.Single();

        Assert.AreEqual(bytes, check.Trend!.Limit!.Value, 1e-6);
        Assert.AreEqual(QuantityUnit.Bytes, check.Unit);
    }

    [TestMethod]
    public void Load_MemoryLimitInMilli_IsRefusedWithAHintAtMi()
    {
        var error = SingleError(Trend("512m"));

        Assert.AreEqual("checks[0].trend.limit: '512m' is 0.512 bytes to Kubernetes (m is milli); did you mean 512Mi (mebibytes) or 512M (megabytes)?", error.Message);
        AssertAt(error, 6, 20);
    }

    [TestMethod]
    public void Load_MaxInMiOnABytesCheck_IsMebibytes()
    {
        var check = LoadValid(Minimal.Replace("max: 1", "max: 512Mi\n    unit: bytes", StringComparison.Ordinal)).Checks.Single();

        Assert.AreEqual(512d * 1024 * 1024, check.Threshold.Max!.Value);
        Assert.AreEqual(QuantityUnit.Bytes, check.Unit);
    }

    [TestMethod]
    public void Load_MaxInMilliOnABytesCheck_IsRefused()
    {
        var error = SingleError(Minimal.Replace("max: 1", "max: 512m\n    unit: bytes", StringComparison.Ordinal));

        StringAssert.Contains(error.Message, "did you mean 512Mi");
        AssertAt(error, 4, 10);
    }

    [TestMethod]
    public void Load_MaxInMinutesOnASecondsCheck_IsMinutes()
    {
        var check = LoadValid(Minimal.Replace("max: 1", "max: 5m\n    unit: seconds", StringComparison.Ordinal)).Checks.Single();

        Assert.AreEqual(300d, check.Threshold.Max!.Value);
    }

    [TestMethod]
    public void Load_MilliWithoutAUnit_IsRefusedWithTheThreeReadings()
    {
        var error = SingleError(Minimal.Replace("max: 1", "max: 500m", StringComparison.Ordinal));

        StringAssert.StartsWith(error.Message, "checks[0].max: '500m' is ambiguous; did you mean 500ms, 500min or 0.5 (cores)?");
        AssertAt(error, 4, 10);
    }

    [TestMethod]
    public void Load_MilliUtilization_IsRefused()
    {
        var error = SingleError(Redundancy.Replace("{capacity: CAPACITY}", "{capacity: 1, maxUtilization: 900m}", StringComparison.Ordinal));

        StringAssert.Contains(error.Message, "checks[0].redundancy.maxUtilization: '900m' is ambiguous");
    }
}
