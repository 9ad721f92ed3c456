using System.Text;

namespace DeployVerifier.Queries;

/// <summary>
/// A query rendered but for the built-ins whose values change during the soak (<c>${sinceDeploy}</c>,
/// <c>${releaseInstances}</c>), which <see cref="Bind"/> fills in at each fetch. The values of other placeholders are
/// already in the text and are never scanned again, so a value can't smuggle in a placeholder.
/// </summary>
public sealed class QueryText
{
    private readonly IReadOnlyList<QueryPart> _parts;

    internal QueryText(IReadOnlyList<QueryPart> parts)
    {
        _parts = parts;
    }

    /// <summary>True when the text changes with each evaluation, so it is sent once per evaluation rather than as a range.</summary>
    public bool UsesSinceDeploy => _parts.Any(p => p.Slot == BuiltInVariables.SinceDeploy);

    /// <summary>True when the text names the release's instances.</summary>
    public bool UsesReleaseInstances => _parts.Any(p => p.Slot == BuiltInVariables.ReleaseInstances);

    /// <summary>A text without slots.</summary>
    public static QueryText Literal(string text) => new([new QueryPart(text, null, null)]);

    /// <summary>A text without slots (see <see cref="Literal"/>).</summary>
    public static implicit operator QueryText(string text) => Literal(text);

    /// <summary>The query as sent, with the late built-ins filled in.</summary>
    public string Bind(QueryBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var text = new StringBuilder();
        foreach (var part in _parts)
        {
            text.Append(part.Slot switch
            {
                null => part.Text,
                BuiltInVariables.SinceDeploy => BuiltInVariables.SinceDeployValue(binding.SinceDeploy),
                _ => QueryTemplate.InstancesRegex(binding.Instances, part.Quote),
            });
        }

        return text.ToString();
    }

    /// <summary>The query with its late built-ins shown as placeholders, for reports and messages.</summary>
    public override string ToString() => string.Concat(_parts.Select(p => p.Slot is null ? p.Text : "${" + p.Slot + "}"));
}
