namespace DeployVerifier.Checklists.Document;

/// <summary><c>rollback.webhook</c> as written.</summary>
internal sealed record RollbackWebhookDocument(SourceLocation Location)
{
    public DocumentScalar? Url { get; init; }

    public DocumentScalar? Method { get; init; }

    public DocumentMapping? Headers { get; init; }

    public DocumentMapping? HeadersFromEnv { get; init; }

    public DocumentMapping? Body { get; init; }

    public DocumentScalar? Timeout { get; init; }
}
