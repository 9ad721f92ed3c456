namespace DeployVerifier.Checklists.Document;

/// <summary><c>checks[].trend</c> as written.</summary>
internal sealed record TrendDocument(SourceLocation Location)
{
    public DocumentScalar? Limit { get; init; }

    public DocumentScalar? LimitQuery { get; init; }

    public DocumentScalar? Horizon { get; init; }

    public DocumentScalar? Window { get; init; }

    public DocumentScalar? FloorWindow { get; init; }

    public DocumentScalar? Resolution { get; init; }

    public TrendFleetDocument? Fleet { get; init; }
}

/// <summary><c>checks[].trend.fleet</c> as written.</summary>
internal sealed record TrendFleetDocument(SourceLocation Location)
{
    public DocumentScalar? GrowsWithLoad { get; init; }

    public DocumentScalar? Downtime { get; init; }
}
