using System.Text.Json.Nodes;
using DeployVerifier.Rollbacks;
using DeployVerifier.Support;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// <c>rollback.kubernetes</c> end to end: the CLI as a process, a real Prometheus holding a crash-looping release, and a
/// stand-in of the Kubernetes API reached through a kubeconfig file, as a pipeline with a mounted kubeconfig would.
/// </summary>
[TestClass]
public sealed class KubernetesRollbackIntegrationTests
{
    private const string Crash = "k8s-crash";
    private const string Token = "kubeconfig-token-4f1b";
    private static PrometheusServer? s_server;
    private static ReleaseHistory? s_history;

    private DirectoryInfo _work = null!;

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The judged ReplicaSet: the new pods' names less their suffix.</summary>
    private static string Judged => ReplicaSetOf(s_history![Crash].NewPods[0]);

    private static string Previous => ReplicaSetOf(s_history![Crash].OldPods[0]);

    [ClassInitialize]
    public static async Task StartPrometheus(TestContext context)
    {
        s_history = ReleaseHistory.Generate(ReleaseSpec.CrashLoop(Crash));
        s_server = await PrometheusServer.StartAsync(s_history, context.CancellationToken);
    }

    [ClassCleanup]
    public static async Task StopPrometheus()
    {
        if (s_server is not null)
        {
            await s_server.DisposeAsync();
        }
    }

    [TestInitialize]
    public void CreateWorkspace() => _work = Some.TempDirectory();

    [TestCleanup]
    public void DeleteWorkspace() => _work.Delete(recursive: true);

    private static string ReplicaSetOf(string pod) => pod[..pod.LastIndexOf('-')];

    private string Write(string name, string text)
    {
        var path = Path.Combine(_work.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<ProcessResult> RunAsync(string verb, Dictionary<string, string> environment, params string[] extra)
    {
        Write("checks.yml", TestChecklists.ReleaseRestartsAndErrors + """
            rollback:
              kubernetes: {namespace: shop, deployment: checkout, timeout: 20s}

            """);
        string[] arguments = verb == "validate"
            ? ["validate", "--checklist", "checks.yml", "--offline", "--var", $"namespace={Crash}"]
            : ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--deployed-at", "2024-08-16T13:45:00Z",
                "--var", $"namespace={Crash}", "--report-json", "report.json", .. extra];
        return DeployVerifierProcess.RunAsync(arguments, environment, _work.FullName, TestContext.CancellationToken);
    }

    private Dictionary<string, string> WithKubeconfig(Uri server, string? exec = null) => new()
    {
        ["KUBECONFIG"] = Write("kubeconfig", KubernetesRollbackTests.Kubeconfig(server, Token, exec)),
        ["HOME"] = _work.FullName,
    };

    [TestMethod]
    public async Task Verify_FailingRelease_UndoesTheDeploymentToThePreviousTemplate()
    {
        using var api = new KubernetesStandIn((Previous, 3, "checkout:1.4.1"), (Judged, 4, "checkout:1.5.0"));

        var result = await RunAsync("verify", WithKubeconfig(api.Server.Url));

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, $"Rollback succeeded: Deployment shop/checkout undone: the pod template of revision 3 ({Previous})");
        var patch = api.Patches.Single();
        Assert.AreEqual($"Bearer {Token}", patch.Authorization);
        var template = JsonNode.Parse(patch.Body)!.AsArray().Single(o => (string?)o!["op"] == "replace")!["value"]!;
        Assert.AreEqual("checkout:1.4.1", (string?)template["spec"]!["containers"]![0]!["image"]);
        Assert.IsNull(template["metadata"]!["labels"]!["pod-template-hash"], "the hash label is the controller's to set");
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(_work.FullName, "report.json")))!;
        StringAssert.Contains(report.ToJsonString(), "Deployment shop/checkout undone");
    }

    [TestMethod]
    public async Task Verify_DeploymentMovedOn_RefusesAndPatchesNothing()
    {
        using var api = new KubernetesStandIn((Previous, 3, "checkout:1.4.1"), (Judged, 4, "checkout:1.5.0"), ("checkout-8a8b8c8d8e", 5, "checkout:1.5.1"));

        var result = await RunAsync("verify", WithKubeconfig(api.Server.Url));

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, $"Rollback FAILED: Deployment shop/checkout not undone: it has moved on since the judged release {Judged};"
            + " its current ReplicaSet is checkout-8a8b8c8d8e (revision 5)");
        Assert.IsEmpty(api.Patches);
    }

    [TestMethod]
    public async Task Verify_KubeconfigNeedingAMissingExecPlugin_RefusesBeforeTheSoakAndValidateWarns()
    {
        var environment = WithKubeconfig(new Uri("https://eks.example"), exec: "aws");
        environment["PATH"] = "/usr/bin:/bin";

        var verify = await RunAsync("verify", environment);
        var validate = await RunAsync("validate", environment);

        Assert.AreEqual(2, verify.ExitCode, verify.ToString());
        StringAssert.Contains(verify.Error, "rollback.kubernetes: the kubeconfig's user 'verifier' (context 'shop') gets its credentials from the exec plugin 'aws'");
        StringAssert.Contains(verify.Error, "serverEnv and tokenEnv");
        Assert.IsFalse(File.Exists(Path.Combine(_work.FullName, "report.json")), "nothing was soaked");
        Assert.AreEqual(0, validate.ExitCode, validate.ToString());
        StringAssert.Contains(validate.Output + validate.Error, "exec plugin 'aws'");
    }

    [TestMethod]
    public async Task Verify_TokenFromTheEnvironment_IsMaskedInEverythingPrinted()
    {
        using var api = new KubernetesStandIn((Previous, 3, "checkout:1.4.1"), (Judged, 4, "checkout:1.5.0"));
        var environment = new Dictionary<string, string> { ["K8S_SERVER"] = api.Server.Url.ToString(), ["K8S_TOKEN"] = "env-token-9c2e7", ["HOME"] = _work.FullName };
        File.WriteAllText(Path.Combine(_work.FullName, "checks.yml"), TestChecklists.ReleaseRestartsAndErrors + """
            rollback:
              kubernetes: {namespace: shop, deployment: checkout, serverEnv: K8S_SERVER, tokenEnv: K8S_TOKEN}
              command: {program: sh, args: [-c, 'echo the token is env-token-9c2e7']}

            """);

        var result = await DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--deployed-at", "2024-08-16T13:45:00Z",
                "--var", $"namespace={Crash}"],
            environment, _work.FullName, TestContext.CancellationToken);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.AreEqual("Bearer env-token-9c2e7", api.Patches.Single().Authorization);
        Assert.DoesNotContain("env-token-9c2e7", result.Output + result.Error);
    }
}
