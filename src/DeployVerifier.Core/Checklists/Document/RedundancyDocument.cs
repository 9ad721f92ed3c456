namespace DeployVerifier.Checklists.Document;

/// <summary><c>checks[].redundancy</c> as written.</summary>
internal sealed record RedundancyDocument(SourceLocation Location)
{
    public DocumentScalar? Capacity { get; init; }

    public DocumentScalar? CapacityQuery { get; init; }

    public DocumentScalar? Spare { get; init; }

    public DocumentScalar? MaxUtilization { get; init; }

    public DocumentScalar? WarmUp { get; init; }
}
