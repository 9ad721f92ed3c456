using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeployVerifier.Plans;

/// <summary><c>plan --json</c>: the <see cref="PlanDescription"/> as JSON, camelCase, nulls written.</summary>
public static class PlanJson
{
    public static string Write(PlanDescription description) => JsonSerializer.Serialize(description, PlanJsonContext.Default.PlanDescription);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(PlanDescription))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
