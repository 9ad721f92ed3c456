namespace DeployVerifier.Checklists.Document;

/// <summary>The checklist as written: every value optional and unchecked, each with its place.</summary>
internal sealed record ChecklistDocument(SourceLocation Location)
{
    public PrometheusDocument? Prometheus { get; init; }

    public SoakDocument? Soak { get; init; }

    public DocumentMapping? Vars { get; init; }

    public IReadOnlyList<CheckDocument>? Checks { get; init; }

    /// <summary>Where <c>checks</c> stands, or the document's start when it is missing.</summary>
    public SourceLocation ChecksLocation { get; init; }

    public RollbackDocument? Rollback { get; init; }

    public ReleaseDocument? Release { get; init; }

    public NotifyDocument? Notify { get; init; }
}
