namespace DeployVerifier.Checklists.Document;

/// <summary>A node of the YAML document, with where it starts; the loader's own tree so duplicate keys and places survive.</summary>
internal abstract record DocumentNode(SourceLocation Location)
{
    /// <summary>How the node is named in messages: "a mapping", "a list", "a value".</summary>
    public abstract string Kind { get; }
}
