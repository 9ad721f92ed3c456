using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeployVerifier.Integration;
using DeployVerifier.Support;
using DeployVerifier.Testing;

namespace DeployVerifier.Integrations;

/// <summary>
/// The command line of the examples' jobs, run as a process against a real Prometheus holding a simulated canary:
/// ReplicaSets owned by a Rollout, the canary's one pod judged while the four stable pods run. The Argo Rollouts and
/// Kargo job's arguments are read from analysis-template.yaml, the Cloud Deploy container's from skaffold.yaml; the
/// tests add only --deployed-at (the history is replayed, not live) and --report-json.
/// </summary>
[TestClass]
public sealed class ArgoRolloutsAnalysisTests
{
    private const string Token = "s3cr3t-prometheus-token-from-the-secret";
    private static PrometheusServer? s_server;
    private static string s_directory = "";

    private static ReleaseSpec Canary(ReleaseSpec spec) => spec with { OwnerKind = "Rollout", Pods = 4, CanaryPods = 1 };

    [ClassInitialize]
    public static async Task StartPrometheus(TestContext context)
    {
        s_server = await PrometheusServer.StartAsync(ReleaseHistory.Generate(
            Canary(ReleaseSpec.Healthy("argo-healthy")),
            Canary(ReleaseSpec.CrashLoop("argo-crash")),
            Canary(ReleaseSpec.MemoryLeak("argo-leak") with { LeakOnsetMinutes = 0 }),
            ReleaseSpec.Healthy("kargo-deployment"),
            ReleaseSpec.BusyButRedundant("cd-healthy"),  // the Kubernetes checklist judges CPU redundancy too: it needs CPU series
            ReleaseSpec.CrashLoop("cd-crash") with { CpuLimitCores = 1 }));
        s_directory = Directory.CreateTempSubdirectory("dv-argo-").FullName;
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

    [TestMethod]
    [DataRow("argo-healthy", 0, "passed")]
    [DataRow("argo-crash", 1, "failed")]
    [DataRow("argo-leak", 1, "failed")]
    public async Task AnalysisJob_Canary_JudgedWhileTheStableReplicaSetRuns(string ns, int exitCode, string verdict)
    {
        var (workspace, result) = await RunAnalysisJobAsync(ns, rollbackMarker: false);

        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        var report = Report(workspace);
        Assert.AreEqual(verdict, report.GetProperty("verdict").GetString());
        var canary = report.GetProperty("release").GetProperty("name").GetString()!;
        Assert.AreEqual("deployed-at", report.GetProperty("release").GetProperty("foundBy").GetString());
        Assert.IsFalse(report.GetProperty("rollback").GetProperty("attempted").GetBoolean());

        // The canary is the newest ReplicaSet, owned by the Rollout; the stable one still had its four pods when the verdict came.
        var owners = await PodsByReplicaSetAsync(ns, report.GetProperty("decidedAt").GetDateTimeOffset());
        Assert.AreEqual(1, owners[canary], $"the canary {canary} has one pod: {string.Join(", ", owners)}");
        Assert.AreEqual(4, owners.Single(o => o.Key != canary).Value, $"the stable ReplicaSet kept running: {string.Join(", ", owners)}");
        Assert.DoesNotContain(Token, result.Output + result.Error, "the token from the Secret was printed");
        if (ns == "argo-leak")
        {
            var leak = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "memory-leak");
            Assert.AreEqual("failed", leak.GetProperty("outcome").GetString(), leak.ToString());
        }
    }

    [TestMethod]
    public async Task AnalysisJob_FailingCanaryWithARollbackConfigured_CallsNoRollback()
    {
        var (workspace, result) = await RunAnalysisJobAsync("argo-crash", rollbackMarker: true);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "rolled-back")), "--no-rollback: Argo aborts the rollout, deploy-verifier must not roll back");
        StringAssert.Contains(Report(workspace).GetProperty("rollback").GetProperty("detail").GetString(), "--no-rollback");
    }

    [TestMethod]
    public async Task KargoStage_DeploymentOwnedRelease_PassesWithItsOwnerKind()
    {
        var stage = IntegrationExamplesTests.Example("kargo", "stage.yaml");
        var args = stage["spec"]!["verification"]!["args"]!.AsArray().ToDictionary(a => (string)a!["name"]!, a => (string)a!["value"]!);
        args["namespace"] = "kargo-deployment";

        var (workspace, result) = await RunAnalysisJobAsync("kargo-deployment", rollbackMarker: false, args);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("passed", Report(workspace).GetProperty("verdict").GetString());
    }

    [TestMethod]
    [DataRow("cd-healthy", 0, "passed")]
    [DataRow("cd-crash", 1, "failed")]
    public async Task CloudDeployVerifyContainer_Judges(string ns, int exitCode, string verdict)
    {
        var container = IntegrationExamplesTests.Example("cloud-deploy", "skaffold.yaml")["verify"]![0]!["container"]!;
        var args = container["args"]!.AsArray().Select(a => (string)a!).ToList();
        var workspace = Workspace("cloud-deploy", rollbackMarker: false);
        args[args.IndexOf("--checklist") + 1] = "checks.yml";
        args[args.IndexOf("namespace=shop")] = $"namespace={ns}";

        var result = await DeployVerifierProcess.RunAsync([.. args, .. TestOnlyArgs],
            new Dictionary<string, string> { ["PROMETHEUS_URL"] = s_server!.Url.ToString() }, workspace);

        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        Assert.AreEqual(verdict, Report(workspace).GetProperty("verdict").GetString());
        Assert.IsFalse(Report(workspace).GetProperty("rollback").GetProperty("attempted").GetBoolean());
    }

    private static string[] TestOnlyArgs => ["--deployed-at", ReleaseSpec.DefaultDeployedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), "--report-json", "report.json"];

    /// <summary>Runs the AnalysisTemplate's container as Argo would: its args with <c>{{args.*}}</c> filled in, its env with the Secret's value.</summary>
    private static async Task<(string Workspace, ProcessResult Result)> RunAnalysisJobAsync(string ns, bool rollbackMarker, Dictionary<string, string>? values = null)
    {
        var template = IntegrationExamplesTests.Example("argo-rollouts", "analysis-template.yaml");
        var defaults = template["spec"]!["args"]!.AsArray().Where(a => a!["value"] is not null).ToDictionary(a => (string)a!["name"]!, a => (string)a!["value"]!);
        values ??= new Dictionary<string, string> { ["namespace"] = ns, ["workload"] = "checkout" };
        var container = IntegrationExamplesTests.Container(template);
        var args = IntegrationExamplesTests.Args(container)
            .Select(a => Regex.Replace(a, @"\{\{args\.([\w-]+)\}\}", m => values.GetValueOrDefault(m.Groups[1].Value) ?? defaults[m.Groups[1].Value]))
            .ToList();
        var workspace = Workspace("argo-rollouts", rollbackMarker);
        args[args.IndexOf("--checklist") + 1] = "checks.yml";

        // The template's env, the Prometheus address pointed at the test's server and the Secret's key given a value.
        var env = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!["value"] is JsonNode v ? (string)v! : Token);
        env["PROMETHEUS_URL"] = s_server!.Url.ToString();
        return (workspace, await DeployVerifierProcess.RunAsync([.. args, .. TestOnlyArgs], env, workspace));
    }

    private static string Workspace(string example, bool rollbackMarker)
    {
        var folder = Directory.CreateDirectory(Path.Combine(s_directory, Guid.NewGuid().ToString("N"))).FullName;
        var checklist = File.ReadAllText(RepositoryFiles.Path("examples", example, "checklist.yml"));
        File.WriteAllText(Path.Combine(folder, "checks.yml"), rollbackMarker
            ? checklist + "\nrollback:\n  command:\n    program: touch\n    args: [rolled-back]\n"
            : checklist);
        return folder;
    }

    private static JsonElement Report(string workspace) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace, "report.json"))).RootElement;

    /// <summary>How many pods each ReplicaSet of <paramref name="ns"/> had at <paramref name="at"/>, from kube-state-metrics' kube_pod_owner.</summary>
    private static async Task<Dictionary<string, int>> PodsByReplicaSetAsync(string ns, DateTimeOffset at)
    {
        using var http = new HttpClient { BaseAddress = s_server!.Url };
        var query = Uri.EscapeDataString($"count by (owner_name) (kube_pod_owner{{namespace=\"{ns}\", owner_kind=\"ReplicaSet\"}})");
        var json = JsonDocument.Parse(await http.GetStringAsync(
            $"api/v1/query?query={query}&time={at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}"));
        return json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().ToDictionary(
            r => r.GetProperty("metric").GetProperty("owner_name").GetString()!,
            r => int.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture));
    }
}
