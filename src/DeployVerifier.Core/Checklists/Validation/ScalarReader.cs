using System.Globalization;
using System.Text.RegularExpressions;
using DeployVerifier.Checklists.Document;
using DeployVerifier.Quantities;

namespace DeployVerifier.Checklists.Validation;

/// <summary>
/// The scalar rules every section shares (durations, quantities, choices, addresses, header values, environment variable
/// names, label names), each error located and added to one sink; a section asks it, and never repeats a rule. A
/// duration, count, switch, choice, quantity or address may be written <c>${name}</c> (<see cref="ScalarVariables"/>):
/// its value is read with the field's own rules.
/// </summary>
internal sealed partial class ScalarReader(ICollection<ChecklistError> errors, ScalarVariables? variables = null)
{
    private readonly ScalarVariables _variables = variables ?? ScalarVariables.None;

    public int ErrorCount => errors.Count;

    public void Add(ChecklistError error) => errors.Add(error);

    internal const string DurationHint = "use Prometheus syntax such as 90s, 30m or 1h30m";

    private static readonly string[] SecretHeaders = ["Authorization", "Proxy-Authorization", "Cookie"];

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$", RegexOptions.CultureInvariant)]
    internal static partial Regex Token();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    internal static partial Regex Identifier();

    public Dictionary<string, string> ScalarMap(DocumentMapping? mapping, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping?.Entries ?? [])
        {
            if (value is DocumentScalar scalar)
            {
                values[key.Value] = scalar.IsNull ? string.Empty : scalar.Value;
            }
            else
            {
                Error($"{path}.{key.Value}: expected a single value, found {value.Kind}", value.Location);
            }
        }

        return values;
    }

    public Dictionary<string, string> Headers(DocumentMapping? mapping, string path)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in HeaderEntries(mapping, path))
        {
            if (SecretHeaders.Contains(name.Value, StringComparer.OrdinalIgnoreCase))
            {
                Error($"{path}.{name.Value}: a secret must not be written in the checklist; put secrets in headersFromEnv "
                    + $"(e.g. {name.Value}: MY_ENV_VAR) and set the variable in CI", name.Location);
            }
            else if (HeaderValue.Problem(value.Value) is { } problem)
            {
                Error($"{path}.{name.Value}: the value {problem}", value.Location);
            }
            else
            {
                headers[name.Value] = value.Value;
            }
        }

        return headers;
    }

    public Dictionary<string, string> HeadersFromEnv(DocumentMapping? mapping, string path)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in HeaderEntries(mapping, path))
        {
            if (EnvName(value, $"{path}.{name.Value}") is { } env)
            {
                headers[name.Value] = env;
            }
        }

        return headers;
    }

    public IEnumerable<(DocumentScalar Name, DocumentScalar Value)> HeaderEntries(DocumentMapping? mapping, string path)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in mapping?.Entries ?? [])
        {
            if (!Token().IsMatch(name.Value))
            {
                Error($"{path}: '{name.Value}' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)", name.Location);
            }
            else if (!seen.Add(name.Value))
            {
                Error($"{path}: header '{name.Value}' is given twice (header names ignore case)", name.Location);
            }
            else if (value is not DocumentScalar scalar || scalar.IsNull)
            {
                Error($"{path}.{name.Value}: expected a single value, found {(value is DocumentScalar ? "nothing" : value.Kind)}", value.Location);
            }
            else
            {
                yield return (name, scalar);
            }
        }
    }

    public string? EnvName(DocumentScalar? scalar, string path)
    {
        if (scalar is null)
        {
            return null;
        }

        if (!Identifier().IsMatch(scalar.Value))
        {
            Error($"{path}: '{scalar.Value}' is not an environment variable name (letters, digits and _); the value itself belongs in the environment",
                scalar.Location);
            return null;
        }

        return scalar.Value;
    }

    /// <summary>A check's runbook or dashboard: an http(s) address whose placeholders are declared variables.</summary>
    public string? Link(DocumentScalar? scalar, string path, IEnumerable<string> declared)
    {
        if (scalar is null || scalar.IsNull)
        {
            return null;
        }

        var before = errors.Count;
        if (CheckLink.Problem(scalar.Value) is { } problem)
        {
            Error($"{path}: {problem}", scalar.Location);
        }

        foreach (var name in CheckLink.Placeholders(scalar.Value).Where(n => !CheckLink.IsKnown(n, declared)).Distinct())
        {
            Error($"{path}: ${{{name}}} is not a variable; declare it in vars{NameSuggestion.Hint(name, declared)}", scalar.Location);
        }

        return errors.Count == before ? scalar.Value : null;
    }

    public Uri? Url(DocumentScalar? scalar, string path, string credentialsHint)
    {
        (scalar, path) = Substitute(scalar, path);
        if (scalar is null)
        {
            return null;
        }

        if (HttpAddress.Parse(scalar.Value, credentialsHint, out var problem) is { } uri)
        {
            return uri;
        }

        Error($"{path}: {problem}", scalar.Location);
        return null;
    }

    public TimeSpan Duration(DocumentScalar? scalar, string path, TimeSpan fallback, bool positive = false, TimeSpan? min = null, TimeSpan? max = null)
    {
        (scalar, path) = Substitute(scalar, path);
        if (scalar is null)
        {
            return fallback;
        }

        if (!PromDuration.TryParse(scalar.Value, out var duration))
        {
            Error($"{path}: '{scalar.Value}' is not a duration; {DurationHint}", scalar.Location);
            return fallback;
        }

        if (positive && duration <= TimeSpan.Zero)
        {
            Error($"{path}: must be longer than zero", scalar.Location);
            return fallback;
        }

        var most = max ?? ChecklistLimits.MaxDuration;
        if (duration > most || (min is { } least && duration < least))
        {
            var range = min is { } low ? $"between {PromDuration.Format(low)} and {PromDuration.Format(most)}" : $"at most {PromDuration.Format(most)}";
            Error($"{path}: {scalar.Value} is out of range; it must be {range}", scalar.Location);
            return fallback;
        }

        return duration;
    }

    public int Integer(DocumentScalar? scalar, string path, int fallback, int least)
    {
        (scalar, path) = Substitute(scalar, path);
        if (scalar is null)
        {
            return fallback;
        }

        if (!int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error($"{path}: '{scalar.Value}' is not a whole number", scalar.Location);
            return fallback;
        }

        if (value < least)
        {
            var what = least == 0 ? "is negative; give 0 or more" : $"must be at least {least}";
            Error($"{path}: {value} {what}", scalar.Location);
            return fallback;
        }

        return value;
    }

    public bool Boolean(DocumentScalar? scalar, string path, bool fallback)
    {
        (scalar, path) = Substitute(scalar, path);
        switch (scalar?.Value)
        {
            case null:
                return fallback;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Error($"{path}: '{scalar.Value}' is not true or false", scalar.Location);
                return fallback;
        }
    }

    /// <summary>A threshold, read with the rules of what the field holds (<paramref name="kind"/>: what <c>m</c> means).</summary>
    /// <param name="scalar">The value as written; null when the key is absent.</param>
    /// <param name="path">Where it is, for messages.</param>
    /// <param name="kind">What the field holds.</param>
    /// <param name="rule">The field's own bound: the problem with a value (given with its text), or null; reported where the value was written.</param>
    public Quantity? QuantityValue(DocumentScalar? scalar, string path, QuantityKind kind = QuantityKind.Any, Func<Quantity, string, string?>? rule = null)
    {
        (scalar, path) = Substitute(scalar, path);
        if (scalar is null)
        {
            return null;
        }

        if ((Quantity.Problem(scalar.Value, kind, out var quantity) ?? rule?.Invoke(quantity, scalar.Value)) is { } problem)
        {
            Error($"{path}: {problem}", scalar.Location);
            return null;
        }

        return quantity;
    }

    public T Choice<T>(DocumentScalar? scalar, string path, T fallback, params (string Name, T Value)[] choices)
    {
        (scalar, path) = Substitute(scalar, path);
        if (scalar is null)
        {
            return fallback;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, scalar.Value, StringComparison.Ordinal))
            {
                return value;
            }
        }

        var names = choices.Select(c => c.Name).ToList();
        Error($"{path}: '{scalar.Value}' is not one of {string.Join(", ", names)}{NameSuggestion.Hint(scalar.Value, names)}", scalar.Location);
        return fallback;
    }

    public string? LabelName(DocumentScalar? scalar, string key, SourceLocation section, string what)
    {
        if (scalar is null || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Error($"{key}: is required in the release section: {what}", scalar?.Location ?? section);
            return null;
        }

        if (!Identifier().IsMatch(scalar.Value))
        {
            Error($"{key}: '{scalar.Value}' is not a label name; use letters, digits and _ (not first)", scalar.Location);
            return null;
        }

        return scalar.Value;
    }

    /// <summary><c>matchOn</c>: a non-empty list of distinct label names; null when the key is absent.</summary>
    public List<string>? LabelList(DocumentSequence? sequence, string path)
    {
        if (sequence is null)
        {
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            Error($"{path}: must name at least one label, e.g. [namespace, pod]; leave it out for the default pairing", sequence.Location);
            return null;
        }

        var labels = new List<string>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (item is not DocumentScalar { IsNull: false } scalar || !Identifier().IsMatch(scalar.Value) || scalar.Value.StartsWith("__", StringComparison.Ordinal))
            {
                Error($"{at}: expected a label name (letters, digits and _, not first), e.g. pod", item.Location);
            }
            else if (labels.Contains(scalar.Value, StringComparer.Ordinal))
            {
                Error($"{at}: '{scalar.Value}' is listed twice", scalar.Location);
            }
            else
            {
                labels.Add(scalar.Value);
            }
        }

        return labels;
    }

    public string RequiredEnvName(DocumentScalar? scalar, string path, SourceLocation section, string what)
    {
        if (scalar is null)
        {
            Error($"{path}: is required: {what}", section);
            return string.Empty;
        }

        return EnvName(scalar, path) ?? string.Empty;
    }

    public string RequiredText(DocumentScalar? scalar, string path, SourceLocation section, string what)
    {
        if (scalar is null || scalar.IsNull || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Error($"{path}: is required: {what}", scalar?.Location ?? section);
            return string.Empty;
        }

        return scalar.Value.Trim();
    }

    public bool HasErrorAt(SourceLocation location) => errors.Any(e => e.Location == location);

    /// <summary>An error at <paramref name="location"/>; one at a <c>--var</c> is printed as the flag, and is no place for a CI annotation.</summary>
    public void Error(string message, SourceLocation? location) =>
        errors.Add(location is { } at && ScalarVariables.IsFlag(at) ? new ChecklistError($"{at.File}: {message}") : new ChecklistError(message, location));

    /// <summary>The scalar a field reads (itself, or the value of the <c>${name}</c> it is) and the path its errors name; null when that has no value.</summary>
    private (DocumentScalar? Scalar, string Path) Substitute(DocumentScalar? scalar, string path)
    {
        if (scalar is null)
        {
            return (null, path);
        }

        var (value, at, error) = _variables.Resolve(scalar, path);
        if (error is not null)
        {
            errors.Add(error);
        }

        return (value, at);
    }
}
