using System.Text.Json.Nodes;
using Json.Schema;

namespace DeployVerifier.Integrations;

/// <summary>
/// A vendored CustomResourceDefinition's <c>openAPIV3Schema</c> as a JSON Schema that judges a manifest as
/// <c>kubectl apply --validate=strict</c> would: unknown fields are errors (the API server's strict field validation),
/// <c>x-kubernetes-int-or-string</c> takes an integer or a string, <c>x-kubernetes-preserve-unknown-fields</c> keeps
/// an object open, <c>nullable</c> admits null, and <c>apiVersion</c> and <c>kind</c> must name the CRD.
/// </summary>
internal sealed class CrdSchema
{
    private static readonly Lock Gate = new();
    private readonly JsonSchema _schema;

    private CrdSchema(JsonSchema schema) => _schema = schema;

    /// <summary>The schema of <paramref name="version"/> of the CRD in <paramref name="crdPath"/>.</summary>
    public static CrdSchema Load(string crdPath, string version)
    {
        var crd = YamlJson.Document(File.ReadAllText(crdPath));
        var spec = crd["spec"]!;
        var served = spec["versions"]!.AsArray().Single(v => (string?)v!["name"] == version)!;
        var schema = Convert(served["schema"]!["openAPIV3Schema"]!.DeepClone())!.AsObject();
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        var properties = schema["properties"]!.AsObject();
        properties["apiVersion"] = new JsonObject { ["const"] = $"{(string?)spec["group"]}/{version}" };
        properties["kind"] = new JsonObject { ["const"] = (string?)spec["names"]!["kind"] };
        schema["required"] = new JsonArray("apiVersion", "kind", "metadata", "spec");
        return new CrdSchema(JsonSchema.FromText(schema.ToJsonString()));
    }

    /// <summary>Each violation as "location: message"; none when the manifest is valid.</summary>
    public IReadOnlyList<string> Errors(JsonNode manifest) => Evaluate(_schema, manifest);

    /// <summary>Each violation of <paramref name="schema"/> by <paramref name="instance"/>, located in the instance.</summary>
    public static IReadOnlyList<string> Evaluate(JsonSchema schema, JsonNode instance)
    {
        EvaluationResults results;

        // JsonSchema.Net builds a schema's constraints on first use, which is not safe across threads.
        lock (Gate)
        {
            results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }

        return results.IsValid
            ? []
            : [.. results.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Distinct()];
    }

    private static JsonNode? Convert(JsonNode? node)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        var intOrString = (bool?)schema["x-kubernetes-int-or-string"] == true;
        var open = (bool?)schema["x-kubernetes-preserve-unknown-fields"] == true;
        var nullable = (bool?)schema["nullable"] == true;
        foreach (var key in schema.Select(p => p.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal) || k == "nullable").ToList())
        {
            schema.Remove(key);
        }

        foreach (var key in new[] { "properties", "patternProperties" })
        {
            if (schema[key] is JsonObject children)
            {
                foreach (var name in children.Select(p => p.Key).ToList())
                {
                    children[name] = Convert(children[name]!.DeepClone());
                }
            }
        }

        foreach (var key in new[] { "items", "additionalProperties", "not" })
        {
            if (schema[key] is JsonObject child)
            {
                schema[key] = Convert(child.DeepClone());
            }
        }

        foreach (var key in new[] { "anyOf", "allOf", "oneOf" })
        {
            if (schema[key] is JsonArray list)
            {
                schema[key] = new JsonArray([.. list.Select(s => Convert(s!.DeepClone()))]);
            }
        }

        if (intOrString && schema["anyOf"] is null)
        {
            schema["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
        }

        if (!open && schema["properties"] is not null && schema["additionalProperties"] is null)
        {
            schema["additionalProperties"] = false;
        }

        if (nullable && schema["type"] is JsonValue type)
        {
            schema["type"] = new JsonArray((string?)type, "null");
        }

        return schema;
    }
}
