namespace DeployVerifier.Checklists.Document;

/// <summary><c>prometheus</c> as written.</summary>
internal sealed record PrometheusDocument
{
    public DocumentScalar? Url { get; init; }

    public DocumentMapping? Headers { get; init; }

    public DocumentMapping? HeadersFromEnv { get; init; }

    public DocumentScalar? BearerTokenEnv { get; init; }

    public BasicAuthDocument? BasicAuth { get; init; }

    public DocumentScalar? Timeout { get; init; }

    public DocumentScalar? Patience { get; init; }

    public DocumentScalar? CaFile { get; init; }
}
