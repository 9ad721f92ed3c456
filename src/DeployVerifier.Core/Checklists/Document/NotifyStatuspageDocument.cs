namespace DeployVerifier.Checklists.Document;

/// <summary><c>notify.statuspage</c> as written.</summary>
internal sealed record NotifyStatuspageDocument(SourceLocation Location)
{
    public DocumentScalar? Url { get; init; }

    public DocumentScalar? PageId { get; init; }

    public DocumentScalar? ComponentId { get; init; }

    public DocumentScalar? TokenEnv { get; init; }

    public DocumentScalar? ComponentStatus { get; init; }

    public DocumentScalar? Timeout { get; init; }
}
