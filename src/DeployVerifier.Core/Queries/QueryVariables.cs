using DeployVerifier.Checklists;

namespace DeployVerifier.Queries;

/// <summary>Resolves the values of <c>${placeholders}</c>: built-ins, then the checklist's defaults, overridden by <c>--var</c>.</summary>
public static class QueryVariables
{
    /// <summary>
    /// Merges the variables and checks them: a <c>--var</c> not declared in <c>vars</c>, a required variable without a value,
    /// and (when <paramref name="checks"/> are given) every placeholder that has no value or whose value can't stand where it is.
    /// </summary>
    /// <param name="checklistVars">The checklist's <c>vars</c>; a null value means required.</param>
    /// <param name="cliVars">The values given with <c>--var name=value</c>.</param>
    /// <param name="builtins">The values of <see cref="BuiltInVariables.Names"/>.</param>
    /// <param name="checks">The checks whose queries will be rendered with the values.</param>
    public static QueryVariablesResult Resolve(
        IReadOnlyDictionary<string, string?> checklistVars,
        IReadOnlyDictionary<string, string> cliVars,
        IReadOnlyDictionary<string, string> builtins,
        IReadOnlyList<CheckDefinition>? checks = null)
    {
        ArgumentNullException.ThrowIfNull(checklistVars);
        ArgumentNullException.ThrowIfNull(cliVars);
        ArgumentNullException.ThrowIfNull(builtins);
        var errors = new List<ChecklistError>();
        var values = new Dictionary<string, string>(builtins, StringComparer.Ordinal);
        foreach (var (name, value) in cliVars)
        {
            if (BuiltInVariables.IsBuiltIn(name))
            {
                errors.Add(new ChecklistError($"--var {name}: '{name}' is built in and set by the verifier; it can't be given"));
            }
            else if (!checklistVars.ContainsKey(name))
            {
                errors.Add(Undeclared(name, checklistVars.Keys));
            }
            else
            {
                values[name] = value;
            }
        }

        foreach (var (name, value) in checklistVars)
        {
            if (values.ContainsKey(name))
            {
                continue;
            }

            if (value is null)
            {
                errors.Add(new ChecklistError($"vars.{name} has no default; give it with --var {name}=VALUE"));
            }
            else
            {
                values[name] = value;
            }
        }

        foreach (var check in checks ?? [])
        {
            foreach (var (key, query) in check.Queries())
            {
                errors.AddRange(CheckUses(query, $"check '{check.Name}' {key}", check.Location, values, checklistVars.Keys));
            }
        }

        return new QueryVariablesResult(values, errors);
    }

    /// <summary>A <c>--var</c> whose name the checklist does not declare, with the nearest declared name.</summary>
    public static ChecklistError Undeclared(string name, IEnumerable<string> declared) =>
        new($"--var {name}: the checklist declares no variable '{name}' in vars{NameSuggestion.Hint(name, declared)}");

    /// <summary>
    /// The errors of one query's placeholders: undeclared names, and values that can't stand where they are
    /// (<paramref name="values"/> holds known values; a declared variable without one is checked for place only).
    /// </summary>
    internal static IEnumerable<ChecklistError> CheckUses(
        string query, string what, SourceLocation location, IReadOnlyDictionary<string, string> values, IEnumerable<string> declared)
    {
        var names = declared.Concat(BuiltInVariables.Names).ToList();
        foreach (var use in QueryTemplate.Find(query))
        {
            if (!names.Contains(use.Name, StringComparer.Ordinal))
            {
                yield return new ChecklistError(
                    $"{what}: '${{{use.Name}}}' is neither declared in vars nor built in ({string.Join(", ", BuiltInVariables.Names)})"
                    + NameSuggestion.Hint(use.Name, names),
                    location);
                continue;
            }

            // Without a value yet, a stand-in of the right kind checks the place alone.
            var value = values.TryGetValue(use.Name, out var known) ? known : "0";
            if (QueryTemplate.Problem(use, value) is { } problem)
            {
                yield return new ChecklistError($"{what}: {problem}", location);
            }
        }
    }
}
