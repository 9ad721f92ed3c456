namespace DeployVerifier.Checklists;

/// <summary>Reads a checklist from YAML text, reporting every error at once with its place in the file.</summary>
public static class ChecklistLoader
{
    /// <summary>Parses and validates <paramref name="yaml"/>; <paramref name="fileName"/> is used in error locations.</summary>
    public static ChecklistLoadResult Load(string yaml, string fileName) => throw new NotImplementedException();
}

/// <summary>The checklist, or why there is none. <see cref="Checklist"/> is null exactly when there are errors.</summary>
public sealed record ChecklistLoadResult(Checklist? Checklist, IReadOnlyList<ChecklistError> Errors);
