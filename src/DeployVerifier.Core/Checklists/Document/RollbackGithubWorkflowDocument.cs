namespace DeployVerifier.Checklists.Document;

/// <summary><c>rollback.githubWorkflow</c> as written.</summary>
internal sealed record RollbackGithubWorkflowDocument(SourceLocation Location)
{
    public DocumentScalar? Workflow { get; init; }

    public DocumentScalar? Ref { get; init; }

    public DocumentMapping? Inputs { get; init; }

    public DocumentScalar? Repository { get; init; }
}
