using DeployVerifier.Checklists.Document;

namespace DeployVerifier.Checklists;

/// <summary>Reads a checklist from YAML text, reporting every error at once with its place in the file.</summary>
public static class ChecklistLoader
{
    /// <summary>Parses and validates <paramref name="yaml"/>; <paramref name="fileName"/> is used in error locations.</summary>
    /// <param name="yaml">The checklist's text.</param>
    /// <param name="fileName">The file, for error locations.</param>
    /// <param name="vars">
    /// The values of <c>--var</c>: a field written <c>${name}</c> (a threshold, a duration...) is read with its own
    /// rules after substitution. Default none: such a field takes the default in <c>vars</c>, and a required one is an error.
    /// </param>
    public static ChecklistLoadResult Load(string yaml, string fileName, IReadOnlyDictionary<string, string>? vars = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        var errors = new List<ChecklistError>();
        var root = DocumentParser.Parse(yaml, fileName, errors);
        if (root is null && errors.Count > 0)
        {
            return new ChecklistLoadResult(null, errors);
        }

        switch (root)
        {
            case null or DocumentScalar { IsNull: true }:
                errors.Add(new ChecklistError("the checklist is empty; it needs at least 'checks'", root?.Location ?? new SourceLocation(fileName, 1, 1)));
                return new ChecklistLoadResult(null, errors);
            case DocumentMapping mapping:
                var document = new ChecklistDocumentReader(errors).Read(mapping);
                var checklist = new ChecklistValidator(errors, vars).Validate(document);
                var declared = document.Vars?.Entries.Select(e => e.Key.Value).OfType<string>().ToList() ?? [];
                return new ChecklistLoadResult(errors.Count == 0 ? checklist : null, errors) { DeclaredVars = declared };
            default:
                errors.Add(new ChecklistError($"a checklist is a mapping of keys (prometheus, soak, vars, checks, rollback), not {root.Kind}", root.Location));
                return new ChecklistLoadResult(null, errors);
        }
    }
}

/// <summary>The checklist, or why there is none. <see cref="Checklist"/> is null exactly when there are errors.</summary>
public sealed record ChecklistLoadResult(Checklist? Checklist, IReadOnlyList<ChecklistError> Errors)
{
    /// <summary>The names under <c>vars</c>, when the file could be read that far (even with errors elsewhere); else null.</summary>
    public IReadOnlyList<string>? DeclaredVars { get; init; }
}
