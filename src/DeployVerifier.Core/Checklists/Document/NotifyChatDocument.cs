namespace DeployVerifier.Checklists.Document;

/// <summary><c>notify.slack</c> or <c>notify.teams</c> as written.</summary>
internal sealed record NotifyChatDocument(SourceLocation Location)
{
    public DocumentScalar? UrlEnv { get; init; }

    public DocumentSequence? Events { get; init; }

    public DocumentScalar? Timeout { get; init; }
}
