namespace DeployVerifier.Checklists.Document;

/// <summary>A YAML mapping in file order; keys are unique (the parser reports duplicates).</summary>
internal sealed record DocumentMapping(IReadOnlyList<KeyValuePair<DocumentScalar, DocumentNode>> Entries, SourceLocation Location)
    : DocumentNode(Location)
{
    public override string Kind => "a mapping";
}
