using System.Text.RegularExpressions;
using DeployVerifier.Checklists.Document;
using DeployVerifier.Queries;

namespace DeployVerifier.Checklists.Validation;

/// <summary>
/// A field's value written as <c>${name}</c> (a threshold, duration, count, switch, choice or address): the variable's
/// value from <c>--var</c>, else its default in <c>vars</c>, which the field then reads with its own rules. A bad value
/// is located where it was written: at the <c>--var</c>, or at the default in the file. Queries and links have their
/// own placeholders (<see cref="QueryTemplate"/>, <see cref="CheckLink"/>), rendered later with the built-ins.
/// </summary>
internal sealed partial class ScalarVariables
{
    private readonly Dictionary<string, DocumentScalar> _defaults = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _given;

    /// <param name="vars">The checklist's <c>vars</c>, as written (its own errors are <see cref="VarsValidator"/>'s).</param>
    /// <param name="given">The values of <c>--var</c>.</param>
    public ScalarVariables(DocumentMapping? vars, IReadOnlyDictionary<string, string> given)
    {
        _given = given;
        foreach (var (key, value) in vars?.Entries ?? [])
        {
            if (value is DocumentScalar scalar && ScalarReader.Identifier().IsMatch(key.Value) && !BuiltInVariables.IsBuiltIn(key.Value))
            {
                _defaults[key.Value] = scalar;
            }
        }
    }

    /// <summary>No variables: a <c>${name}</c> in a field is an undeclared one.</summary>
    public static ScalarVariables None { get; } = new(null, new Dictionary<string, string>());

    [GeneratedRegex(@"^\s*\$\{([A-Za-z_][A-Za-z0-9_]*)\}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    /// <summary>
    /// The scalar the field reads and the path its errors name: <paramref name="scalar"/> itself when it is no
    /// placeholder; else the variable's value, placed at the <c>--var</c> (<see cref="IsFlag"/>) or at the default.
    /// Null with the error when the placeholder has no value.
    /// </summary>
    public (DocumentScalar? Scalar, string Path, ChecklistError? Error) Resolve(DocumentScalar scalar, string path)
    {
        var match = Whole().Match(scalar.Value);
        if (!match.Success)
        {
            return scalar.Value.Contains("${", StringComparison.Ordinal)
                ? (null, path, new ChecklistError(
                    $"{path}: '{scalar.Value}' holds a ${{variable}} inside other text; here a variable must be the whole value, e.g. ${{max_error_ratio}} with --var max_error_ratio=2%",
                    scalar.Location))
                : (scalar, path, null);
        }

        var name = match.Groups[1].Value;
        var placeholder = $"${{{name}}}";
        if (BuiltInVariables.IsBuiltIn(name))
        {
            return (null, path, new ChecklistError(
                $"{path}: {placeholder} is built in and has a value only inside queries; declare a variable of your own in vars for this value", scalar.Location));
        }

        if (_given.TryGetValue(name, out var value) && _defaults.ContainsKey(name))
        {
            return (new DocumentScalar(value, IsPlain: true, FlagLocation($"--var {name}={value}")), $"{path} ({placeholder})", null);
        }

        if (!_defaults.TryGetValue(name, out var fallback))
        {
            return (null, path, new ChecklistError(
                $"{path}: {placeholder} is not declared in vars; declare it there with a default (or ~ to require --var {name}=VALUE)"
                + NameSuggestion.Hint(name, _defaults.Keys), scalar.Location));
        }

        if (fallback.IsNull)
        {
            return (null, path, new ChecklistError(
                $"{path}: {placeholder} has no value: vars.{name} is required; give it with --var {name}=VALUE (or a default in vars)", scalar.Location));
        }

        return (fallback, $"vars.{name} (the default of {placeholder}, as {path})", null);
    }

    /// <summary>Where a value given with a flag "is": printed as the flag, never as a place in a file.</summary>
    internal static SourceLocation FlagLocation(string flag) => new(flag, 0, 0);

    /// <summary>Whether <paramref name="location"/> is a flag's (<see cref="FlagLocation"/>), not a place in the file.</summary>
    internal static bool IsFlag(SourceLocation location) => location is { Line: 0, Column: 0 } && location.File.StartsWith("--var ", StringComparison.Ordinal);
}
