using System.Text.Json.Nodes;
using Json.Schema;

namespace DeployVerifier.Support;

/// <summary>The report a real run wrote, checked against <c>schemas/report.schema.json</c>.</summary>
internal static class ReportSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(RepositoryFiles.Path("schemas", "report.schema.json"))));

    private static readonly Lock Gate = new();

    /// <summary>Fails with every violation, located in the report, unless the file matches the schema.</summary>
    public static void AssertValid(string reportPath)
    {
        EvaluationResults results;
        lock (Gate)
        {
            results = Schema.Value.Evaluate(JsonNode.Parse(File.ReadAllText(reportPath)), new EvaluationOptions { OutputFormat = OutputFormat.List });
        }

        Assert.IsTrue(results.IsValid, $"{reportPath} does not match schemas/report.schema.json:\n" + string.Join("\n", results.Details
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }
}
