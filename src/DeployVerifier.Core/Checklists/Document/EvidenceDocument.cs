namespace DeployVerifier.Checklists.Document;

/// <summary><c>checks[].evidence</c> as written.</summary>
internal sealed record EvidenceDocument(SourceLocation Location)
{
    public DocumentScalar? MinSamples { get; init; }

    public DocumentScalar? Query { get; init; }

    public DocumentScalar? Min { get; init; }
}
