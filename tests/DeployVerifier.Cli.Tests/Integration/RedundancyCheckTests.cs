using System.Globalization;
using System.Text.Json;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// The redundancy check on cAdvisor CPU against kube-state-metrics' CPU limits: a release whose pods each stay under a
/// per-pod threshold but could not carry the load of a lost pod fails, a busy but redundant one passes. The CLI as a
/// process against a real Prometheus, replaying the history.
/// </summary>
[TestClass]
public sealed class RedundancyCheckTests
{
    private static readonly DateTimeOffset DeployedAt = ReleaseSpec.DefaultDeployedAt;
    private static PrometheusServer? s_server;
    private static string s_directory = "";

    [ClassInitialize]
    public static async Task StartPrometheus(TestContext context)
    {
        s_server = await PrometheusServer.StartAsync(ReleaseHistory.Generate(
            ReleaseSpec.LostRedundancy("rd-lost") with { PostMinutes = 20 },
            ReleaseSpec.BusyButRedundant("rd-busy") with { PostMinutes = 20 }));
        s_directory = Directory.CreateTempSubdirectory("dv-redundancy-").FullName;
    }

    [ClassCleanup]
    public static async Task StopPrometheus()
    {
        if (s_server is not null)
        {
            await s_server.DisposeAsync();
        }

        Directory.Delete(s_directory, recursive: true);
    }

    /// <summary>
    /// Each release pod's CPU against its limit, once per pod (a threshold) and once for the fleet (a redundancy check,
    /// as in the Kubernetes example), the latter with <paramref name="severity"/>.
    /// </summary>
    private static string Checklist(string severity) => TestChecklists.KubernetesRelease + $$"""
        soak: {duration: 10m, interval: 30s, warmUp: 30s}
        vars:
          namespace: ~
        checks:
          - name: cpu-per-pod
            query: >-
              sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{namespace="${namespace}", pod=~"${releaseInstances}"}[2m]))
              / sum by (namespace, pod) (kube_pod_container_resource_limits{namespace="${namespace}", pod=~"${releaseInstances}", resource="cpu"})
            max: 90%
            perSeries: true
          - name: cpu-redundancy
            type: redundancy
            severity: {{severity}}
            query: >-
              sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{namespace="${namespace}", pod=~"${releaseInstances}"}[2m]))
            tolerance: 2
            redundancy:
              capacityQuery: >-
                sum by (namespace, pod) (kube_pod_container_resource_limits{namespace="${namespace}", pod=~"${releaseInstances}", resource="cpu"})
              spare: 1
              maxUtilization: 90%
              warmUp: 3m

        """;

    private static async Task<(ProcessResult Result, JsonElement Report)> Verify(string ns, string severity = "fail")
    {
        var folder = Directory.CreateDirectory(Path.Combine(s_directory, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(folder, "checks.yml"), Checklist(severity));
        var result = await DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(),
                "--deployed-at", DeployedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                "--var", $"namespace={ns}", "--report-json", "report.json", "--dry-run"],
            workingDirectory: folder);
        var path = Path.Combine(folder, "report.json");
        Assert.IsTrue(File.Exists(path), result.ToString());
        return (result, JsonDocument.Parse(File.ReadAllText(path)).RootElement);
    }

    private static JsonElement Check(JsonElement report, string name) =>
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    [TestMethod]
    public async Task Verify_PodsAt73PercentOfTheirCpuLimit_FailsOnRedundancyWhileThePerPodThresholdPasses()
    {
        var (result, report) = await Verify("rd-lost");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.AreEqual("failed", report.GetProperty("verdict").GetString());
        var redundancy = Check(report, "cpu-redundancy");
        Assert.AreEqual("failed", redundancy.GetProperty("outcome").GetString(), result.ToString());
        var reason = redundancy.GetProperty("reason").GetString();
        StringAssert.Contains(reason, "3 pods at ");
        StringAssert.Contains(reason, "if one is lost the other 2 need ");
        StringAssert.Contains(reason, "the fleet can't lose a pod");
        StringAssert.StartsWith(report.GetProperty("reason").GetString(), "cpu-redundancy: ");
        StringAssert.Contains(report.GetProperty("reason").GetString(), "can't lose a pod");
        var survivors = redundancy.GetProperty("worstValue").GetDouble();
        Assert.IsTrue(survivors is > 1.0 and < 1.2, $"the 2 survivors would need {survivors:P0} of their limit, about 110 %");

        // The soak stopped at the failure, so the per-pod check is not finished; every evaluation of it passed.
        var perPod = Check(report, "cpu-per-pod");
        var counts = perPod.GetProperty("counts");
        Assert.AreEqual(0, counts.GetProperty("failed").GetInt32(), result.ToString());
        Assert.AreEqual(perPod.GetProperty("evaluations").GetInt32(), counts.GetProperty("passed").GetInt32(), result.ToString());
        Assert.IsGreaterThan(0, counts.GetProperty("passed").GetInt32());
        var busiest = perPod.GetProperty("worstValue").GetDouble();
        Assert.IsTrue(busiest is > 0.65 and < 0.85, $"each pod sits at about 73 % of its limit, the busiest at {busiest:P0}");

        // Judged once the three new pods have been stable 3 minutes, then failing 3 evaluations in a row (tolerance 2).
        var decided = report.GetProperty("decidedAt").GetDateTimeOffset();
        Assert.IsTrue(decided >= DeployedAt.AddMinutes(4) && decided < DeployedAt.AddMinutes(6), $"decided at {decided:HH:mm:ss}");
    }

    [TestMethod]
    public async Task Verify_PodsAt53PercentOfTheirCpuLimit_PassesTheWholeSoak()
    {
        var (result, report) = await Verify("rd-busy");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("passed", report.GetProperty("verdict").GetString());
        var redundancy = Check(report, "cpu-redundancy");
        Assert.AreEqual("passed", redundancy.GetProperty("outcome").GetString(), result.ToString());
        StringAssert.Contains(redundancy.GetProperty("reason").GetString(), ", within 90%");
        var survivors = redundancy.GetProperty("worstValue").GetDouble();
        Assert.IsTrue(survivors is > 0.7 and < 0.9, $"the 2 survivors would need {survivors:P0} of their limit, about 80 %");
        Assert.IsGreaterThan(0, redundancy.GetProperty("counts").GetProperty("passed").GetInt32(), "the fleet was judged, not only warming up");
        Assert.AreEqual("passed", Check(report, "cpu-per-pod").GetProperty("outcome").GetString());
        Assert.AreEqual(DeployedAt.AddMinutes(10), report.GetProperty("decidedAt").GetDateTimeOffset());
    }

    [TestMethod]
    public async Task Verify_LostRedundancyWithSeverityWarn_PassesAndListsTheWarnedCheck()
    {
        var (result, report) = await Verify("rd-lost", "warn");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("passed", report.GetProperty("verdict").GetString());
        Assert.AreEqual("cpu-redundancy", report.GetProperty("warnedChecks")[0].GetString());
        var redundancy = Check(report, "cpu-redundancy");
        Assert.AreEqual("failed", redundancy.GetProperty("outcome").GetString());
        Assert.AreEqual("warn", redundancy.GetProperty("severity").GetString());
        StringAssert.Contains(redundancy.GetProperty("reason").GetString(), "the fleet can't lose a pod");
        Assert.AreEqual(DeployedAt.AddMinutes(10), report.GetProperty("decidedAt").GetDateTimeOffset(), "a warn failure does not stop the soak");
    }
}
