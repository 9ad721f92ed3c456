using DeployVerifier.Checklists.Document;
using DeployVerifier.Queries;

namespace DeployVerifier.Checklists.Validation;

/// <summary>The <c>vars</c> section: names, and values or ~ for required ones.</summary>
internal sealed class VarsValidator(ScalarReader read)
{
    public Dictionary<string, string?> Validate(DocumentMapping? vars)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in vars?.Entries ?? [])
        {
            if (!ScalarReader.Identifier().IsMatch(key.Value))
            {
                read.Error($"vars: '{key.Value}' is not a variable name; use letters, digits and _ (not first)", key.Location);
            }
            else if (BuiltInVariables.IsBuiltIn(key.Value))
            {
                read.Error($"vars: '{key.Value}' is built in and set by the verifier; choose another name", key.Location);
            }
            else if (value is not DocumentScalar scalar)
            {
                read.Error($"vars.{key.Value}: expected a single value (or ~ for a required variable), found {value.Kind}", value.Location);
            }
            else
            {
                result[key.Value] = scalar.IsNull ? null : scalar.Value;
            }
        }

        return result;
    }
}
