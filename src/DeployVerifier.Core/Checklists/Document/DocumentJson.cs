using System.Globalization;
using System.Text.Json.Nodes;

namespace DeployVerifier.Checklists.Document;

/// <summary>Turns YAML into JSON: quoted scalars stay strings; plain ones that read as null, a boolean or a number become that.</summary>
internal static class DocumentJson
{
    public static JsonNode? ToJson(DocumentNode node) => node switch
    {
        DocumentMapping mapping => ToJson(mapping),
        DocumentSequence sequence => new JsonArray([.. sequence.Items.Select(ToJson)]),
        DocumentScalar scalar => ToJson(scalar),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    public static JsonObject ToJson(DocumentMapping mapping)
    {
        var json = new JsonObject();
        foreach (var (key, value) in mapping.Entries)
        {
            json[key.Value] = ToJson(value);
        }

        return json;
    }

    private static JsonNode? ToJson(DocumentScalar scalar)
    {
        if (!scalar.IsPlain)
        {
            return JsonValue.Create(scalar.Value);
        }

        if (scalar.IsNull)
        {
            return null;
        }

        if (scalar.Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(scalar.Value);
    }
}
