namespace DeployVerifier.Checklists.Document;

/// <summary><c>soak</c> as written.</summary>
internal sealed record SoakDocument
{
    public DocumentScalar? Duration { get; init; }

    public DocumentScalar? Interval { get; init; }

    public DocumentScalar? WarmUp { get; init; }

    public DocumentScalar? IngestionLag { get; init; }

    public DocumentScalar? MaxConsecutiveErrors { get; init; }

    public DocumentScalar? Extension { get; init; }
}
