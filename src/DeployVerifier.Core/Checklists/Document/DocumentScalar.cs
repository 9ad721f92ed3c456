namespace DeployVerifier.Checklists.Document;

/// <summary>A single YAML value. <see cref="IsPlain"/> is false for quoted and block scalars, which are always strings.</summary>
internal sealed record DocumentScalar(string Value, bool IsPlain, SourceLocation Location) : DocumentNode(Location)
{
    public override string Kind => "a single value";

    /// <summary>True for an empty plain value, <c>~</c> and <c>null</c>: the key is there but says nothing.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}
