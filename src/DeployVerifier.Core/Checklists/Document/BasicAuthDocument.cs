namespace DeployVerifier.Checklists.Document;

/// <summary><c>prometheus.basicAuth</c> as written.</summary>
internal sealed record BasicAuthDocument(SourceLocation Location)
{
    public DocumentScalar? UsernameEnv { get; init; }

    public DocumentScalar? PasswordEnv { get; init; }
}
