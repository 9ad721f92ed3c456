namespace DeployVerifier.Checklists.Document;

/// <summary>A YAML sequence.</summary>
internal sealed record DocumentSequence(IReadOnlyList<DocumentNode> Items, SourceLocation Location) : DocumentNode(Location)
{
    public override string Kind => "a list";
}
