namespace DeployVerifier.Checklists.Document;

/// <summary><c>notify.alertmanager.severities</c> as written.</summary>
internal sealed record AlertSeveritiesDocument(SourceLocation Location)
{
    public DocumentScalar? Fail { get; init; }

    public DocumentScalar? Warn { get; init; }

    public DocumentScalar? EarlyWarning { get; init; }

    public DocumentScalar? DryRun { get; init; }
}
