namespace DeployVerifier.Checklists.Document;

/// <summary><c>checks[].budget</c> as written.</summary>
internal sealed record BudgetDocument(SourceLocation Location)
{
    public DocumentScalar? MaxFailingShare { get; init; }

    public DocumentScalar? MinEvaluations { get; init; }
}
