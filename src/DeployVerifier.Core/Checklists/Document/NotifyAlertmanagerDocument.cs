namespace DeployVerifier.Checklists.Document;

/// <summary><c>notify.alertmanager</c> as written.</summary>
internal sealed record NotifyAlertmanagerDocument(SourceLocation Location)
{
    public DocumentNode? Urls { get; init; }

    public DocumentSequence? Events { get; init; }

    public DocumentMapping? Headers { get; init; }

    public DocumentMapping? HeadersFromEnv { get; init; }

    public DocumentScalar? BearerTokenEnv { get; init; }

    public BasicAuthDocument? BasicAuth { get; init; }

    public DocumentMapping? Labels { get; init; }

    public AlertSeveritiesDocument? Severities { get; init; }

    public DocumentScalar? KeepFailedFor { get; init; }

    public DocumentScalar? MinFiring { get; init; }

    public DocumentScalar? Timeout { get; init; }
}
