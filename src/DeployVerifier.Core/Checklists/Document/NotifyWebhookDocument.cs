namespace DeployVerifier.Checklists.Document;

/// <summary><c>notify.webhook</c> as written.</summary>
internal sealed record NotifyWebhookDocument(SourceLocation Location)
{
    public DocumentScalar? UrlEnv { get; init; }

    public DocumentMapping? HeadersFromEnv { get; init; }

    public DocumentSequence? Events { get; init; }

    public DocumentScalar? Timeout { get; init; }
}
