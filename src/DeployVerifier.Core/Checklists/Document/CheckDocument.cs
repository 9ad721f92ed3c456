namespace DeployVerifier.Checklists.Document;

/// <summary>One entry of <c>checks</c> as written. <see cref="Path"/> names it in messages, e.g. <c>checks[0]</c>.</summary>
internal sealed record CheckDocument(string Path, SourceLocation Location)
{
    public DocumentScalar? Name { get; init; }

    public DocumentScalar? Query { get; init; }

    public DocumentSequence? MatchOn { get; init; }

    public DocumentScalar? Type { get; init; }

    public DocumentScalar? Min { get; init; }

    public DocumentScalar? Max { get; init; }

    public DocumentScalar? Unit { get; init; }

    public DocumentScalar? Tolerance { get; init; }

    public BudgetDocument? Budget { get; init; }

    public DocumentScalar? FailureLimit { get; init; }

    public DocumentScalar? NoData { get; init; }

    public DocumentScalar? PerSeries { get; init; }

    public DocumentScalar? ReleaseSeriesOnly { get; init; }

    public DocumentScalar? WarmUp { get; init; }

    public DocumentScalar? MinSeriesAge { get; init; }

    public EvidenceDocument? Evidence { get; init; }

    public BaselineDocument? Baseline { get; init; }

    public TrendDocument? Trend { get; init; }

    public DocumentScalar? Severity { get; init; }

    public RedundancyDocument? Redundancy { get; init; }

    public DocumentScalar? Runbook { get; init; }

    public DocumentScalar? Dashboard { get; init; }

    /// <summary>Every query as written, with its key, in the order of <see cref="CheckDefinition.Queries"/>; absent ones are null.</summary>
    public IReadOnlyList<(string Key, DocumentScalar? Query)> Queries() =>
    [
        ("query", Query), ("evidence.query", Evidence?.Query), ("trend.limitQuery", Trend?.LimitQuery), ("redundancy.capacityQuery", Redundancy?.CapacityQuery),
    ];
}
