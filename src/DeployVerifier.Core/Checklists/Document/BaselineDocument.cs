namespace DeployVerifier.Checklists.Document;

/// <summary><c>checks[].baseline</c> as written.</summary>
internal sealed record BaselineDocument(SourceLocation Location)
{
    public DocumentScalar? Window { get; init; }

    public DocumentScalar? MaxFactor { get; init; }

    public DocumentScalar? MaxIncrease { get; init; }
}
