namespace DeployVerifier.Checklists.Document;

/// <summary><c>release</c> as written.</summary>
internal sealed record ReleaseDocument(SourceLocation Location)
{
    public DocumentScalar? Releases { get; init; }

    public DocumentScalar? Label { get; init; }

    public DocumentScalar? Instances { get; init; }

    public DocumentScalar? InstanceLabel { get; init; }

    public DocumentSequence? MatchOn { get; init; }

    public DocumentScalar? Freshness { get; init; }

    public DocumentScalar? WaitFor { get; init; }

    public DocumentScalar? Lookback { get; init; }
}
