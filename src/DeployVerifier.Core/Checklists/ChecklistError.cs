namespace DeployVerifier.Checklists;

/// <summary>One thing wrong with a checklist or the arguments: what, where, and how to fix it.</summary>
public sealed record ChecklistError(string Message, SourceLocation? Location = null)
{
    public override string ToString() => Location is { } at ? $"{at}: {Message}" : Message;
}
