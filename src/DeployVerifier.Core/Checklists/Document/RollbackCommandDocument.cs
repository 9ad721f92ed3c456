namespace DeployVerifier.Checklists.Document;

/// <summary><c>rollback.command</c> as written.</summary>
internal sealed record RollbackCommandDocument(SourceLocation Location)
{
    public DocumentScalar? Program { get; init; }

    public IReadOnlyList<DocumentScalar>? Args { get; init; }

    public DocumentScalar? Timeout { get; init; }

    public DocumentScalar? WorkingDirectory { get; init; }

    public IReadOnlyList<DocumentScalar>? PassEnv { get; init; }
}
