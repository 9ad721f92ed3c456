using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeployVerifier.Support;
using Json.Schema;

namespace DeployVerifier.Integrations;

/// <summary>
/// The Argo Rollouts, Kargo and Cloud Deploy examples against the vendored upstream schemas (Schemas/README.md), and
/// the promises they make: one try, no rollback of our own, secrets only through the environment.
/// </summary>
[TestClass]
public sealed class IntegrationExamplesTests
{
    private const string Image = "ghcr.io/your-org/deploy-verifier:1.0.0";

    private static readonly Lazy<CrdSchema> AnalysisTemplateCrd = new(() => CrdSchema.Load(SchemaPath("argo-rollouts.analysis-template-crd.yaml"), "v1alpha1"));
    private static readonly Lazy<CrdSchema> RolloutCrd = new(() => CrdSchema.Load(SchemaPath("argo-rollouts.rollout-crd.yaml"), "v1alpha1"));
    private static readonly Lazy<CrdSchema> StageCrd = new(() => CrdSchema.Load(SchemaPath("kargo.stages-crd.yaml"), "v1alpha1"));
    private static readonly Lazy<JsonSchema> Skaffold = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath("skaffold.v4beta14.json"))));

    internal static string SchemaPath(string file) => RepositoryFiles.Path("tests", "DeployVerifier.Cli.Tests", "Integrations", "Schemas", file);

    internal static JsonNode Example(params string[] parts) => YamlJson.Document(File.ReadAllText(RepositoryFiles.Path(["examples", .. parts])));

    internal static JsonObject Container(JsonNode template) =>
        template["spec"]!["metrics"]![0]!["provider"]!["job"]!["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    internal static List<string> Args(JsonObject container) => [.. container["args"]!.AsArray().Select(a => (string)a!)];

    [TestMethod]
    public void AnalysisTemplate_MatchesTheArgoRolloutsCrd() =>
        AssertValid(AnalysisTemplateCrd.Value.Errors(Example("argo-rollouts", "analysis-template.yaml")), "analysis-template.yaml");

    [TestMethod]
    public void Rollout_MatchesTheArgoRolloutsCrd() =>
        AssertValid(RolloutCrd.Value.Errors(Example("argo-rollouts", "rollout.yaml")), "rollout.yaml");

    [TestMethod]
    public void KargoStage_MatchesTheKargoCrd() =>
        AssertValid(StageCrd.Value.Errors(Example("kargo", "stage.yaml")), "stage.yaml");

    [TestMethod]
    public void SkaffoldConfig_MatchesTheSkaffoldSchema()
    {
        var config = Example("cloud-deploy", "skaffold.yaml");

        AssertValid(CrdSchema.Evaluate(Skaffold.Value, config), "skaffold.yaml");
        Assert.AreEqual("skaffold/v4beta14", (string?)config["apiVersion"], "the schema vendored is v4beta14's");
    }

    [TestMethod]
    [DataRow("backoffLimit", "\"none\"", "a string for an int32")]
    [DataRow("backofLimit", "0", "a misspelt field")]
    [DataRow("activeDeadlineSeconds", "[1800]", "a list for an int64")]
    public void AnalysisTemplate_Mutated_IsRejected(string field, string json, string what)
    {
        var template = Example("argo-rollouts", "analysis-template.yaml");
        template["spec"]!["metrics"]![0]!["provider"]!["job"]!["spec"]![field] = JsonNode.Parse(json);

        Assert.IsNotEmpty(AnalysisTemplateCrd.Value.Errors(template), $"{what} was accepted");
    }

    [TestMethod]
    public void AnalysisTemplate_CountAsString_IsAcceptedAsIntOrString()
    {
        var template = Example("argo-rollouts", "analysis-template.yaml");
        template["spec"]!["metrics"]![0]!["count"] = "1";

        AssertValid(AnalysisTemplateCrd.Value.Errors(template), "count: \"1\" (x-kubernetes-int-or-string)");
        template["spec"]!["metrics"]![0]!["count"] = JsonNode.Parse("true");
        Assert.IsNotEmpty(AnalysisTemplateCrd.Value.Errors(template), "count: true was accepted");
    }

    [TestMethod]
    public void Rollout_AnalysisStepWithoutTemplateName_IsRejected()
    {
        var rollout = Example("argo-rollouts", "rollout.yaml");
        rollout["spec"]!["strategy"]!["canary"]!["steps"]![1]!["analysis"]!["templates"]![0] = new JsonObject { ["template"] = "deploy-verifier" };

        Assert.IsNotEmpty(RolloutCrd.Value.Errors(rollout));
    }

    [TestMethod]
    public void KargoStage_Mutated_IsRejected()
    {
        var stage = Example("kargo", "stage.yaml");
        stage["spec"]!["verification"]!["analysisTemplates"]![0] = new JsonObject { ["kind"] = "AnalysisTemplate" };
        Assert.IsNotEmpty(StageCrd.Value.Errors(stage), "an analysis template without a name was accepted");

        stage = Example("kargo", "stage.yaml");
        stage["kind"] = "Stages";
        Assert.IsNotEmpty(StageCrd.Value.Errors(stage), "a wrong kind was accepted");
    }

    [TestMethod]
    [DataRow("args", "\"verify --no-rollback\"")]
    [DataRow("secretEnv", "[]")]
    public void SkaffoldVerifyContainer_Mutated_IsRejected(string field, string json)
    {
        var config = Example("cloud-deploy", "skaffold.yaml");
        config["verify"]![0]!["container"]![field] = JsonNode.Parse(json);

        Assert.IsNotEmpty(CrdSchema.Evaluate(Skaffold.Value, config), $"verify[0].container.{field}: {json} was accepted");
    }

    [TestMethod]
    public void AnalysisTemplate_RunsOnceWithoutOurRollback_AndTakesSecretsFromSecrets()
    {
        var template = Example("argo-rollouts", "analysis-template.yaml");
        var metric = template["spec"]!["metrics"]![0]!;
        var job = metric["provider"]!["job"]!["spec"]!;
        var container = Container(template);
        var args = Args(container);

        Assert.AreEqual(0L, (long)job["backoffLimit"]!, "a failed verdict must not be retried");
        Assert.AreEqual(1L, (long)metric["count"]!);
        Assert.AreEqual("Never", (string?)job["template"]!["spec"]!["restartPolicy"]);
        Assert.AreEqual(Image, (string?)container["image"]);
        Assert.AreEqual("verify", args[0]);
        CollectionAssert.Contains(args, "--no-rollback");

        // The checklist comes from a ConfigMap mounted where --checklist looks.
        var checklist = args[args.IndexOf("--checklist") + 1];
        var mount = container["volumeMounts"]!.AsArray().Single(m => checklist.StartsWith((string)m!["mountPath"]! + "/", StringComparison.Ordinal))!;
        var volume = job["template"]!["spec"]!["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)mount["name"])!;
        Assert.IsNotNull(volume["configMap"], "the checklist's volume is no ConfigMap");

        // The checklist's credential variables are set from a Secret, never a literal.
        var env = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!);
        Assert.IsNotNull(env["PROMETHEUS_TOKEN"]["valueFrom"]?["secretKeyRef"], "PROMETHEUS_TOKEN is not from a Secret");
        Assert.IsNull(env["PROMETHEUS_TOKEN"]["value"]);
        StringAssert.Contains(File.ReadAllText(RepositoryFiles.Path("examples", "argo-rollouts", "checklist.yml")), "bearerTokenEnv: PROMETHEUS_TOKEN");

        // Every {{args.x}} the job uses is declared.
        var declared = template["spec"]!["args"]!.AsArray().Select(a => (string)a!["name"]!).ToHashSet(StringComparer.Ordinal);
        foreach (Match used in Regex.Matches(string.Join(" ", args), @"\{\{args\.([\w-]+)\}\}"))
        {
            Assert.Contains(used.Groups[1].Value, declared, $"{{{{args.{used.Groups[1].Value}}}}} is not declared in spec.args");
        }
    }

    [TestMethod]
    [DataRow("argo-rollouts", "rollout.yaml")]
    [DataRow("kargo", "stage.yaml")]
    public void Callers_ReferenceTheTemplate_AndPassEveryArgWithoutADefault(string folder, string file)
    {
        var template = Example("argo-rollouts", "analysis-template.yaml");
        var required = template["spec"]!["args"]!.AsArray().Where(a => a!["value"] is null).Select(a => (string)a!["name"]!).ToList();
        var caller = Example(folder, file);
        var (names, args) = folder == "kargo"
            ? (caller["spec"]!["verification"]!["analysisTemplates"]!.AsArray().Select(t => (string)t!["name"]!), caller["spec"]!["verification"]!["args"]!.AsArray())
            : (caller["spec"]!["strategy"]!["canary"]!["steps"]!.AsArray().Where(s => s!["analysis"] is not null)
                .SelectMany(s => s!["analysis"]!["templates"]!.AsArray().Select(t => (string)t!["templateName"]!)),
                caller["spec"]!["strategy"]!["canary"]!["steps"]!.AsArray().Single(s => s!["analysis"] is not null)!["analysis"]!["args"]!.AsArray());

        CollectionAssert.Contains(names.ToList(), (string?)template["metadata"]!["name"]);
        var passed = args.Select(a => (string)a!["name"]!).ToList();
        foreach (var name in required)
        {
            CollectionAssert.Contains(passed, name, $"{file} does not pass {name}");
        }
    }

    [TestMethod]
    public void CloudDeploy_VerifiesEachStage_WithTheVerifyContainer()
    {
        var config = Example("cloud-deploy", "skaffold.yaml");
        var container = config["verify"]![0]!["container"]!;
        var args = container["args"]!.AsArray().Select(a => (string)a!).ToList();
        CollectionAssert.Contains(args, "--no-rollback");
        Assert.AreEqual("verify", args[0]);
        var image = (string?)container["image"];
        var artifact = config["build"]!["artifacts"]!.AsArray().Single(a => (string?)a!["image"] == image)!;
        var dockerfile = File.ReadAllText(RepositoryFiles.Path("examples", "cloud-deploy", (string)artifact["docker"]!["dockerfile"]!));
        StringAssert.Contains(dockerfile, $"FROM {Image}");
        StringAssert.Contains(dockerfile, $"COPY checklist.yml {args[args.IndexOf("--checklist") + 1]}");
        foreach (var variable in container["env"]!.AsArray())
        {
            StringAssert.DoesNotMatch((string)variable!["name"]!, new Regex("TOKEN|PASSWORD|SECRET|WEBHOOK", RegexOptions.IgnoreCase), "skaffold's env is committed: no secret in it");
        }

        var documents = YamlJson.Documents(File.ReadAllText(RepositoryFiles.Path("examples", "cloud-deploy", "clouddeploy.yaml")));
        var pipeline = documents.Single(d => (string?)d!["kind"] == "DeliveryPipeline")!;
        foreach (var stage in pipeline["serialPipeline"]!["stages"]!.AsArray())
        {
            Assert.IsTrue((bool)stage!["strategy"]!["standard"]!["verify"]!, $"stage {stage["targetId"]} does not verify");
            var target = documents.Single(d => (string?)d!["kind"] == "Target" && (string?)d["metadata"]!["name"] == (string?)stage["targetId"])!;
            var usages = target["executionConfigs"]!.AsArray().SelectMany(c => c!["usages"]!.AsArray().Select(u => (string)u!)).ToList();
            CollectionAssert.Contains(usages, "VERIFY", $"target {stage["targetId"]} has no execution environment for VERIFY");
        }
    }

    [TestMethod]
    public void CloudDeploy_Checklist_IsTheKubernetesOne()
    {
        static string Body(string path) => File.ReadAllText(path)[File.ReadAllText(path).IndexOf("\nrelease:", StringComparison.Ordinal)..];

        Assert.AreEqual(Body(RepositoryFiles.Path("examples", "kubernetes", "checklist.yml")), Body(RepositoryFiles.Path("examples", "cloud-deploy", "checklist.yml")),
            "examples/cloud-deploy/checklist.yml is a copy of examples/kubernetes/checklist.yml (its own header aside): keep them equal");
    }

    private static void AssertValid(IReadOnlyList<string> errors, string what) =>
        Assert.IsEmpty(errors, $"{what} does not match its schema:\n{string.Join("\n", errors.Take(30))}");
}
