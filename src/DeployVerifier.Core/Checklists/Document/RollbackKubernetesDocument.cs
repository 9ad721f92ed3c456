namespace DeployVerifier.Checklists.Document;

/// <summary><c>rollback.kubernetes</c> as written.</summary>
internal sealed record RollbackKubernetesDocument(SourceLocation Location)
{
    public DocumentScalar? Namespace { get; init; }

    public DocumentScalar? Deployment { get; init; }

    public DocumentScalar? Context { get; init; }

    public DocumentScalar? ServerEnv { get; init; }

    public DocumentScalar? TokenEnv { get; init; }

    public DocumentScalar? CaFile { get; init; }

    public DocumentScalar? Timeout { get; init; }
}
