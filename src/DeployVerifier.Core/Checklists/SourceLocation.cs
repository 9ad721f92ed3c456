namespace DeployVerifier.Checklists;

/// <summary>A place in a checklist file; line and column count from 1.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
