namespace DeployVerifier.Checklists.Document;

/// <summary><c>rollback.azurePipeline</c> as written.</summary>
internal sealed record RollbackAzurePipelineDocument(SourceLocation Location)
{
    public DocumentScalar? OrganizationUrl { get; init; }

    public DocumentScalar? Project { get; init; }

    public DocumentScalar? PipelineId { get; init; }

    public DocumentScalar? Branch { get; init; }

    public DocumentMapping? TemplateParameters { get; init; }
}
