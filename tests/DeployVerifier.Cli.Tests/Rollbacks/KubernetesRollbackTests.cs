using System.Text.Json.Nodes;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Rollbacks;
using DeployVerifier.Support;

namespace DeployVerifier.Rollbacks;

[TestClass]
public sealed class KubernetesRollbackTests
{
    private const string Token = "k8s-token-s3cr3t";

    public TestContext TestContext { get; set; } = null!;

    private static RollbackKubernetes Settings(string? context = null, bool token = true) =>
        new("shop", "checkout", context, token ? "K8S_SERVER" : null, token ? "K8S_TOKEN" : null, null, TimeSpan.FromSeconds(20));

    private static RollbackRequest Request(string? release) =>
        new("failed", ["error-ratio"], "error-ratio failed", Some.DeployedAt, Some.DeployedAt.AddMinutes(10)) { Release = release };

    private static DictionaryEnvironment Environment(KubernetesStandIn api, Dictionary<string, string>? more = null)
    {
        var variables = new Dictionary<string, string> { ["K8S_SERVER"] = api.Server.Url.ToString(), ["K8S_TOKEN"] = Token, ["PATH"] = "/usr/bin:/bin" };
        foreach (var (key, value) in more ?? [])
        {
            variables[key] = value;
        }

        return new DictionaryEnvironment(variables);
    }

    private static KubernetesStandIn ThreeRevisions() =>
        new(("checkout-5f6d7c8b9a", 5, "checkout:1.4.0"), ("checkout-6b7c8d9e0f", 6, "checkout:1.4.1"), ("checkout-7d9f8e6c5b", 7, "checkout:1.5.0"));

    [TestMethod]
    public async Task RunAsync_FailingRelease_PatchesThePreviousTemplateOntoTheDeployment()
    {
        using var api = ThreeRevisions();
        var rollback = new KubernetesRollback(Settings(), Environment(api), TimeProvider.System, "/nonexistent");

        var result = await rollback.RunAsync(Request("checkout-7d9f8e6c5b"), TestContext.CancellationToken);

        Assert.IsTrue(result.Succeeded, result.Detail);
        StringAssert.Contains(result.Detail, "revision 6 (checkout-6b7c8d9e0f) replaces that of the judged revision 7 (checkout-7d9f8e6c5b)");
        var requests = api.Server.Requests;
        CollectionAssert.AreEqual(
            new[] { $"GET {KubernetesStandIn.DeploymentPath}", $"GET {KubernetesStandIn.ReplicaSetsPath}", $"PATCH {KubernetesStandIn.DeploymentPath}" },
            requests.Select(r => $"{r.Method} {r.Path}").ToArray());
        Assert.IsTrue(requests.All(r => r.Authorization == $"Bearer {Token}"), "every request carries the bearer token");
        var patch = api.Patches.Single();
        StringAssert.StartsWith(patch.ContentType, "application/json-patch+json");
        var operations = JsonNode.Parse(patch.Body)!.AsArray();
        Assert.AreEqual("""{"op":"test","path":"/metadata/generation","value":7}""", operations[0]!.ToJsonString());
        Assert.AreEqual("replace", (string?)operations[1]!["op"]);
        Assert.AreEqual("/spec/template", (string?)operations[1]!["path"]);
        var expected = KubernetesStandIn.Template("checkout-6b7c8d9e0f", "checkout:1.4.1");
        expected["metadata"]!["labels"]!.AsObject().Remove("pod-template-hash");
        Assert.IsTrue(JsonNode.DeepEquals(expected, operations[1]!["value"]), operations[1]!["value"]!.ToJsonString());
    }

    [TestMethod]
    public async Task RunAsync_FailingRelease_AnnotatesTheDeploymentWithTheReleaseUndoneAndWhen()
    {
        using var api = ThreeRevisions();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Some.DeployedAt.AddMinutes(12));
        var rollback = new KubernetesRollback(Settings(), Environment(api), time, "/nonexistent");

        var result = await rollback.RunAsync(Request("checkout-7d9f8e6c5b"), TestContext.CancellationToken);

        Assert.IsTrue(result.Succeeded, result.Detail);
        var operations = JsonNode.Parse(api.Patches.Single().Body)!.AsArray().Skip(2).Select(o => o!.ToJsonString()).ToList();
        var at = DeployVerifier.Quantities.Rfc3339.Format(Some.DeployedAt.AddMinutes(12));
        string[] annotations =
        [
            """{"op":"add","path":"/metadata/annotations/deploy-verifier.dev~1rolled-back-release","value":"checkout-7d9f8e6c5b"}""",
            $$"""{"op":"add","path":"/metadata/annotations/deploy-verifier.dev~1rolled-back-at","value":"{{at}}"}""",
        ];
        CollectionAssert.AreEqual(annotations, operations);
    }

    [TestMethod]
    public void Patch_DeploymentWithoutAnnotations_AddsTheMap()
    {
        var patch = KubernetesRollback.Patch(new k8s.Models.V1PodTemplateSpec(), 3, ("checkout-7d9f8e6c5b", Some.DeployedAt, false));

        var last = JsonNode.Parse(patch)!.AsArray()[^1]!;
        Assert.AreEqual("/metadata/annotations", (string?)last["path"]);
        Assert.AreEqual("checkout-7d9f8e6c5b", (string?)last["value"]!["deploy-verifier.dev/rolled-back-release"]);
    }

    [TestMethod]
    public async Task RunAsync_DeploymentMovedOnDuringTheSoak_RefusesWithoutPatching()
    {
        using var api = ThreeRevisions();
        var rollback = new KubernetesRollback(Settings(), Environment(api), TimeProvider.System, "/nonexistent");

        var result = await rollback.RunAsync(Request("checkout-6b7c8d9e0f"), TestContext.CancellationToken);

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Detail,
            "it has moved on since the judged release checkout-6b7c8d9e0f; its current ReplicaSet is checkout-7d9f8e6c5b (revision 7)");
        Assert.IsEmpty(api.Patches);
    }

    [TestMethod]
    public async Task RunAsync_OnlyOneRevision_RefusesNamingIt()
    {
        using var api = new KubernetesStandIn(("checkout-7d9f8e6c5b", 1, "checkout:1.5.0"));
        var rollback = new KubernetesRollback(Settings(), Environment(api), TimeProvider.System, "/nonexistent");

        var result = await rollback.RunAsync(Request("checkout-7d9f8e6c5b"), TestContext.CancellationToken);

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Detail, "has no earlier revision to go back to");
        Assert.IsEmpty(api.Patches);
    }

    [TestMethod]
    public async Task RunAsync_ReleaseNotIdentified_RefusesWithoutCalling()
    {
        using var api = ThreeRevisions();
        var rollback = new KubernetesRollback(Settings(), Environment(api), TimeProvider.System, "/nonexistent");

        var result = await rollback.RunAsync(Request(null), TestContext.CancellationToken);

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Detail, "the judged release is not identified");
        Assert.IsEmpty(api.Server.Requests);
    }

    [TestMethod]
    public async Task RunAsync_KubeconfigFile_UsesItsServerAndToken()
    {
        using var api = ThreeRevisions();
        var kubeconfig = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(kubeconfig, Kubeconfig(api.Server.Url, Token), TestContext.CancellationToken);
        var rollback = new KubernetesRollback(Settings(token: false), new DictionaryEnvironment(new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig }),
            TimeProvider.System, "/nonexistent");

        var result = await rollback.RunAsync(Request("checkout-7d9f8e6c5b"), TestContext.CancellationToken);

        Assert.IsTrue(result.Succeeded, result.Detail);
        Assert.AreEqual($"Bearer {Token}", api.Patches.Single().Authorization);
    }

    [TestMethod]
    public async Task RunAsync_Forbidden_NamesTheRbacItNeeds()
    {
        using var server = new StandInServer((_, _) => (403,
            """{"kind":"Status","status":"Failure","message":"deployments.apps \"checkout\" is forbidden: User \"system:serviceaccount:ci:verifier\" cannot get resource","code":403}"""));
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["K8S_SERVER"] = server.Url.ToString(), ["K8S_TOKEN"] = Token });
        var rollback = new KubernetesRollback(Settings(), environment, TimeProvider.System, "/nonexistent");

        var result = await rollback.RunAsync(Request("checkout-7d9f8e6c5b"), TestContext.CancellationToken);

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Detail, "answered 403: deployments.apps \"checkout\" is forbidden");
        StringAssert.Contains(result.Detail, "patch on deployments in namespace shop");
    }

    [TestMethod]
    public void Find_KubeconfigNeedingAnExecPluginThatIsNotHere_ReportsTheTokenAlternative()
    {
        var kubeconfig = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(kubeconfig, Kubeconfig(new Uri("https://eks.example:443"), null, exec: "aws"));

        var (credentials, problem) = KubernetesCredentials.Find(Settings(token: false),
            new DictionaryEnvironment(new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["PATH"] = "/nonexistent" }), "/nonexistent");

        Assert.IsNull(credentials);
        StringAssert.Contains(problem, "gets its credentials from the exec plugin 'aws', which is not here");
        StringAssert.Contains(problem, "serverEnv and tokenEnv");
    }

    [TestMethod]
    public void Find_NothingAtAll_SaysWhereCredentialsCanComeFrom()
    {
        var (credentials, problem) = KubernetesCredentials.Find(Settings(token: false),
            new DictionaryEnvironment(new Dictionary<string, string> { ["HOME"] = "/nonexistent" }), "/nonexistent");

        Assert.IsNull(credentials);
        StringAssert.Contains(problem, "no Kubernetes credentials here");
    }

    [TestMethod]
    public void Find_InClusterWithItsToken_UsesTheServiceAccount()
    {
        var directory = Directory.CreateTempSubdirectory("serviceaccount").FullName;
        File.WriteAllText(Path.Combine(directory, "token"), "in-cluster-token");

        var (credentials, problem) = KubernetesCredentials.Find(Settings(token: false),
            new DictionaryEnvironment(new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1" }), directory);

        Assert.IsNull(problem);
        Assert.AreEqual("the pod's service account", credentials!.Source);
    }

    [TestMethod]
    public void Find_TokenVariableUnset_NamesIt()
    {
        var (_, problem) = KubernetesCredentials.Find(Settings(), new DictionaryEnvironment(new Dictionary<string, string> { ["K8S_SERVER"] = "https://k8s.example" }));

        StringAssert.Contains(problem, "rollback.kubernetes.tokenEnv: K8S_TOKEN is not set");
    }

    /// <summary>A kubeconfig with one cluster, context and user: a token, or an exec plugin.</summary>
    internal static string Kubeconfig(Uri server, string? token, string? exec = null) => $"""
        apiVersion: v1
        kind: Config
        current-context: shop
        clusters:
        - name: shop
          cluster:
            server: {server.ToString().TrimEnd('/')}
        contexts:
        - name: shop
          context:
            cluster: shop
            user: verifier
        users:
        - name: verifier
          user:
        {(exec is null ? $"    token: {token}" : $"    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: {exec}\n      args: [eks, get-token]")}
        """;
}
