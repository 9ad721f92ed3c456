using System.Text.Json;
using System.Text.Json.Nodes;
using DeployVerifier.Checklists.Document;
using Json.Schema;

namespace DeployVerifier.Checklists;

[TestClass]
public sealed class ChecklistSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    private static readonly Lazy<JsonObject> SchemaJson = new(() =>
        JsonNode.Parse(File.ReadAllText(SchemaPath))!.AsObject());

    private static string SchemaPath => Path.Combine(RepositoryFiles.Root, "schemas", "checklist.schema.json");

    private static JsonNode? ToJson(string yaml)
    {
        var errors = new List<ChecklistError>();
        var root = DocumentParser.Parse(yaml, "test.yaml", errors);
        Assert.IsEmpty(errors, string.Join(Environment.NewLine, errors));
        return DocumentJson.ToJson(root!);
    }

    // JsonSchema.Net builds a schema's constraints on first use and that is not safe across threads; tests run in parallel.
    private static readonly Lock EvaluationLock = new();

    private static EvaluationResults Evaluate(string yaml)
    {
        var instance = ToJson(yaml);
        lock (EvaluationLock)
        {
            return Schema.Value.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }
    }

    private static string Describe(EvaluationResults results) =>
        string.Join(Environment.NewLine, results.Details
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));

    public static IEnumerable<object[]> Examples =>
        Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "examples"), "*.y*ml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && File.ReadLines(f).FirstOrDefault()?.StartsWith("# yaml-language-server: $schema=", StringComparison.Ordinal) == true
                && File.ReadAllText(f).Contains("checks:", StringComparison.Ordinal))
            .Select(f => new object[] { Path.GetRelativePath(RepositoryFiles.Root, f) });

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void Schema_Example_IsValidForSchemaAndLoader(string relativePath)
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryFiles.Root, relativePath));

        var results = Evaluate(yaml);

        Assert.IsTrue(results.IsValid, Describe(results));
        var load = ChecklistLoader.Load(yaml, relativePath);
        Assert.IsEmpty(load.Errors, string.Join(Environment.NewLine, load.Errors));
    }

    [TestMethod]
    [DataRow("checks:\n  - {name: a, query: q, max: 1%}")]
    [DataRow("checks:\n  - {name: a, query: q, min: 0.5, max: 2}")]
    [DataRow("soak: {duration: 1h30m, interval: 500ms}\nchecks:\n  - {name: a, query: q, max: 512MiB, tolerance: 2, noData: pass}")]
    [DataRow("vars: {ns: x, wl: ~}\nchecks:\n  - name: m\n    type: trend\n    query: q\n    trend: {limit: 1GiB, horizon: 24h}")]
    [DataRow("checks:\n  - {name: a, query: q, max: 1, baseline: {maxFactor: 2}, evidence: {query: e, min: 100}}")]
    [DataRow("checks:\n  - {name: a, query: q, max: 1%, tolerance: 6, budget: {maxFailingShare: 50%, minEvaluations: 10}, failureLimit: 3}")]
    [DataRow("checks:\n  - {name: a, query: q, max: 1%, budget: {maxFailingShare: 0.25}}")]
    [DataRow("checks:\n  - {name: a, query: q, max: 1%, budget: {maxFailingShare: 100%}}")]
    [DataRow("rollback:\n  webhook: {url: 'https://x', body: {a: [1, {b: c}]}}\nchecks:\n  - {name: a, query: q, max: 1}")]
    [DataRow("rollback:\n  command: {program: kubectl, passEnv: [AWS_PROFILE, GH_TOKEN]}\nchecks:\n  - {name: a, query: q, max: 1}")]
    [DataRow("release: {releases: kube_replicaset_created, label: replicaset, instances: 'kube_pod_owner{owner_name=\"${release}\"}', instanceLabel: pod}\nrollback:\n  kubernetes: {namespace: shop, deployment: checkout, serverEnv: K8S_SERVER, tokenEnv: K8S_TOKEN, timeout: 1m}\nchecks:\n  - {name: a, query: q, max: 1}")]
    [DataRow("rollback:\n  githubWorkflow: {workflow: rollback.yml, ref: main, inputs: {reason: '${reason}', n: 1}}\n  azurePipeline: {pipelineId: 42, branch: refs/heads/main, templateParameters: {v: x}}\nchecks:\n  - {name: a, query: q, max: 1}")]
    [DataRow("vars: {max_err: 2%, t: 3, w: 2m, p: 'true', u: ratio}\nchecks:\n  - {name: a, query: q, max: '${max_err}', tolerance: '${t}', warmUp: '${w}', perSeries: '${p}', unit: '${u}'}", DisplayName = "variables in scalars")]
    [DataRow("checks:\n  - {name: a, query: q, max: 512Mi, unit: bytes}\n  - {name: m, type: trend, query: q, trend: {limit: 1Gi}}", DisplayName = "Kubernetes bytes")]
    public void Schema_ValidDocument_Passes(string yaml)
    {
        var results = Evaluate(yaml);

        Assert.IsTrue(results.IsValid, Describe(results));
        Assert.IsEmpty(ChecklistLoader.Load(yaml, "t.yaml").Errors);
    }

    [TestMethod]
    [DataRow("checks:\n  - {name: a, query: q, max: 1, maxx: 2}", DisplayName = "unknown key")]
    [DataRow("checks:\n  - {name: a, query: q, max: 512 MB/s}", DisplayName = "bad quantity")]
    [DataRow("soak: {interval: 30 mins}\nchecks:\n  - {name: a, query: q, max: 1}", DisplayName = "bad duration")]
    [DataRow("checks:\n  - {name: a, query: q, max: 1, noData: ignore}", DisplayName = "bad enum")]
    [DataRow("checks:\n  - {name: a, query: q, max: 1, tolerance: -1}", DisplayName = "negative tolerance")]
    [DataRow("checks:\n  - {query: q, max: 1}", DisplayName = "missing name")]
    [DataRow("checks:\n  - {name: a, query: q, max: 1, budget: {maxFailingShare: 150%}}", DisplayName = "share over 100%")]
    [DataRow("checks:\n  - {name: a, query: q, max: 1, budget: {maxFailingShare: 2}}", DisplayName = "share over 1")]
    [DataRow("checks:\n  - {name: a, query: q, max: 1, budget: {minEvaluations: 0}}", DisplayName = "no evaluations")]
    [DataRow("checks:\n  - {name: a, query: q, max: 1, budget: {maxShare: 1%}}", DisplayName = "unknown budget key")]
    [DataRow("checks:\n  - {name: a, query: q, max: 1, failureLimit: -1}", DisplayName = "negative failure limit")]
    [DataRow("checks: []", DisplayName = "no checks")]
    [DataRow("prometheus: {headers: {Authorization: x}}\nchecks:\n  - {name: a, query: q, max: 1}", DisplayName = "secret header")]
    [DataRow("vars: {soakDuration: 1m}\nchecks:\n  - {name: a, query: q, max: 1}", DisplayName = "built-in var")]
    [DataRow("rollback: {azurePipeline: {pipelineId: 0}}\nchecks:\n  - {name: a, query: q, max: 1}", DisplayName = "pipeline id 0")]
    [DataRow("rollback: {githubWorkflow: {ref: main}}\nchecks:\n  - {name: a, query: q, max: 1}", DisplayName = "no workflow")]
    [DataRow("rollback: {command: {program: x, passEnv: [not-a-name]}}\nchecks:\n  - {name: a, query: q, max: 1}", DisplayName = "passEnv not a name")]
    [DataRow("vars: {max_err: 2%}\nchecks:\n  - {name: a, query: q, max: '${max_err}%'}", DisplayName = "variable inside other text")]
    [DataRow("vars: {n: x}\nchecks:\n  - {name: a, query: q, max: 1, tolerance: '${n'}", DisplayName = "unclosed variable")]
    public void Schema_InvalidDocument_FailsLikeTheLoader(string yaml)
    {
        Assert.IsFalse(Evaluate(yaml).IsValid);
        Assert.IsNotEmpty(ChecklistLoader.Load(yaml, "t.yaml").Errors);
    }

    [TestMethod]
    public void Schema_KnowsTheSameKeysAsTheLoader()
    {
        var schemaSections = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        Collect(SchemaJson.Value, string.Empty, schemaSections);

        CollectionAssert.AreEquivalent(ChecklistKeys.Sections.Keys.ToList(), schemaSections.Keys.ToList());
        foreach (var (path, keys) in ChecklistKeys.Sections)
        {
            CollectionAssert.AreEquivalent(keys.ToList(), schemaSections[path].ToList(), $"keys of '{path}'");
        }
    }

    [TestMethod]
    public void Schema_EveryKey_HasADescription()
    {
        var missing = new List<string>();
        FindUndescribed(SchemaJson.Value, string.Empty, missing);

        Assert.IsEmpty(missing, string.Join(", ", missing));
    }

    [TestMethod]
    [DataRow("/properties/prometheus/properties/timeout", "30s")]
    [DataRow("/properties/soak/properties/duration", "30m")]
    [DataRow("/properties/soak/properties/interval", "30s")]
    [DataRow("/properties/soak/properties/warmUp", "1m")]
    [DataRow("/properties/soak/properties/ingestionLag", "30s")]
    [DataRow("/$defs/check/properties/baseline/properties/window", "1h")]
    [DataRow("/$defs/check/properties/trend/properties/horizon", "24h")]
    [DataRow("/$defs/check/properties/trend/properties/window", "30m")]
    [DataRow("/$defs/check/properties/trend/properties/floorWindow", "5m")]
    [DataRow("/$defs/check/properties/trend/properties/resolution", "15s")]
    [DataRow("/properties/rollback/properties/command/properties/timeout", "5m")]
    [DataRow("/properties/rollback/properties/webhook/properties/timeout", "30s")]
    public void Schema_DurationDefaults_MatchChecklistDefaults(string pointer, string expected)
    {
        var node = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode)SchemaJson.Value, (n, p) => n[p]!);

        Assert.AreEqual(expected, node["default"]!.GetValue<string>());
        var defaults = new Dictionary<string, TimeSpan>
        {
            ["/properties/prometheus/properties/timeout"] = ChecklistDefaults.RequestTimeout,
            ["/properties/soak/properties/duration"] = ChecklistDefaults.SoakDuration,
            ["/properties/soak/properties/interval"] = ChecklistDefaults.SoakInterval,
            ["/properties/soak/properties/warmUp"] = ChecklistDefaults.SoakWarmUp,
            ["/properties/soak/properties/ingestionLag"] = ChecklistDefaults.IngestionLag,
            ["/$defs/check/properties/baseline/properties/window"] = ChecklistDefaults.BaselineWindow,
            ["/$defs/check/properties/trend/properties/horizon"] = ChecklistDefaults.TrendHorizon,
            ["/$defs/check/properties/trend/properties/window"] = ChecklistDefaults.TrendWindow,
            ["/$defs/check/properties/trend/properties/floorWindow"] = ChecklistDefaults.TrendFloorWindow,
            ["/$defs/check/properties/trend/properties/resolution"] = ChecklistDefaults.TrendResolution,
            ["/properties/rollback/properties/command/properties/timeout"] = ChecklistDefaults.RollbackCommandTimeout,
            ["/properties/rollback/properties/webhook/properties/timeout"] = ChecklistDefaults.WebhookTimeout,
        };
        Assert.IsTrue(Quantities.PromDuration.TryParse(expected, out var parsed));
        Assert.AreEqual(defaults[pointer], parsed);
    }

    [TestMethod]
    public void Schema_BudgetDefaults_MatchChecklistDefaults()
    {
        var budget = SchemaJson.Value["$defs"]!["check"]!["properties"]!["budget"]!["properties"]!;

        Assert.IsTrue(Quantities.Quantity.TryParse(budget["maxFailingShare"]!["default"]!.GetValue<string>(), out var share));
        Assert.AreEqual(ChecklistDefaults.BudgetMaxFailingShare, share.Value, 1e-12);
        Assert.AreEqual(ChecklistDefaults.BudgetMinEvaluations, budget["minEvaluations"]!["default"]!.GetValue<int>());
    }

    private static JsonObject Resolve(JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/$defs/", StringComparison.Ordinal)
            ? Resolve(SchemaJson.Value["$defs"]![reference["#/$defs/".Length..]]!.AsObject())
            : schema;

    private static void Collect(JsonObject schema, string path, Dictionary<string, IReadOnlyList<string>> sections)
    {
        schema = Resolve(schema);
        if (schema["items"] is JsonObject items)
        {
            Collect(items, path + "[]", sections);
            return;
        }

        if (schema["properties"] is not JsonObject properties || schema["additionalProperties"]?.GetValueKind() != JsonValueKind.False)
        {
            return;
        }

        sections[path] = [.. properties.Select(p => p.Key)];
        foreach (var (key, value) in properties)
        {
            Collect(value!.AsObject(), path.Length == 0 ? key : $"{path}.{key}", sections);
        }
    }

    private static void FindUndescribed(JsonObject schema, string path, List<string> missing)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (key, value) in properties)
        {
            var property = value!.AsObject();
            if (property["description"] is null && Resolve(property)["description"] is null)
            {
                missing.Add($"{path}.{key}");
            }

            FindUndescribed(property, $"{path}.{key}", missing);
            if (property["items"] is JsonObject items)
            {
                FindUndescribed(Resolve(items), $"{path}.{key}[]", missing);
            }
        }
    }
}
