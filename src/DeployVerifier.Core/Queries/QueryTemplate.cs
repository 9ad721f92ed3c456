using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DeployVerifier.Quantities;

namespace DeployVerifier.Queries;

/// <summary>
/// <c>${name}</c> placeholders in PromQL. Values are escaped for the string literal they stand in (and for RE2 first when
/// that literal is a regex matcher's), so a value can never change the meaning of a query.
/// </summary>
public static partial class QueryTemplate
{
    private const string RegexMetacharacters = @"\.+*?()|[]{}^$";

    [GeneratedRegex(@"\G\$\{([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[0-9]+(?:\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    /// <summary>Every placeholder in <paramref name="query"/>, in order; those in comments are left out (they change nothing).</summary>
    public static IReadOnlyList<PlaceholderUse> Find(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var uses = new List<PlaceholderUse>();

        // What each open bracket belongs to: a function's name for '(', "{" for a selector's matchers.
        var open = new Stack<string>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (c == '#')
            {
                var end = query.IndexOf('\n', i);
                i = end < 0 ? query.Length : end + 1;
            }
            else if (c is '"' or '\'' or '`')
            {
                var isRegex = FollowsRegexMatcher(query, i);
                var function = open.TryPeek(out var inside) && inside != "{" && inside.Length > 0 ? inside : null;
                i = ScanString(query, i, c, isRegex, function, uses);
            }
            else if (c is '(' or '{')
            {
                open.Push(c == '{' ? "{" : NameBefore(query, i));
                i++;
            }
            else if (c is ')' or '}')
            {
                open.TryPop(out _);
                i++;
            }
            else if (TryMatch(query, i, out var name, out var length))
            {
                uses.Add(new PlaceholderUse(name, i, length, null, false));
                i += length;
            }
            else
            {
                i++;
            }
        }

        return uses;
    }

    /// <summary>
    /// Replaces every placeholder with its value, escaped for where it stands. Outside a string literal only
    /// <see cref="BuiltInVariables.MayStandOutsideLiteral">numeric and duration built-ins</see> are taken, verbatim.
    /// </summary>
    /// <exception cref="ArgumentException">A placeholder has no value, or its value can't be written where it stands.</exception>
    public static string Render(string query, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new StringBuilder(query.Length);
        var last = 0;
        foreach (var use in Find(query))
        {
            result.Append(query, last, use.Offset - last).Append(Write(use, values));
            last = use.Offset + use.Length;
        }

        return result.Append(query, last, query.Length - last).ToString();
    }

    /// <summary>
    /// Renders every placeholder but the <see cref="BuiltInVariables.IsLate">late built-ins</see>, which stay slots that
    /// <see cref="QueryText.Bind"/> fills in at each fetch. Substituted values are never scanned again.
    /// </summary>
    /// <exception cref="ArgumentException">A placeholder has no value, or its value can't be written where it stands.</exception>
    public static QueryText RenderText(string query, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(values);
        var parts = new List<QueryPart>();
        var text = new StringBuilder(query.Length);
        var last = 0;
        foreach (var use in Find(query))
        {
            text.Append(query, last, use.Offset - last);
            last = use.Offset + use.Length;
            if (BuiltInVariables.IsLate(use.Name))
            {
                parts.Add(new QueryPart(text.ToString(), null, null));
                parts.Add(new QueryPart(string.Empty, use.Name, use.Quote));
                text.Clear();
            }
            else
            {
                text.Append(Write(use, values));
            }
        }

        parts.Add(new QueryPart(text.Append(query, last, query.Length - last).ToString(), null, null));
        return new QueryText(parts);
    }

    /// <summary>A regex that matches no label value (an empty alternation would match the empty value, i.e. series without the label).</summary>
    internal const string MatchesNothing = @"[^\x00-\x{10FFFF}]";

    /// <summary>The value of <c>${releaseInstances}</c>: each name regex-escaped, joined with <c>|</c>, escaped for its literal.</summary>
    internal static string InstancesRegex(IReadOnlyList<string> instances, char? quote)
    {
        var regex = instances.Count == 0 ? MatchesNothing : string.Join('|', instances.Order(StringComparer.Ordinal).Select(EscapeRegex));
        return quote is null or '`' ? regex : EscapeString(regex, quote.Value);
    }

    /// <summary>Why the value can't stand where <paramref name="use"/> is, or null when it can.</summary>
    public static string? Problem(PlaceholderUse use, string value)
    {
        ArgumentNullException.ThrowIfNull(use);
        ArgumentNullException.ThrowIfNull(value);
        if (use.Function is "label_replace")
        {
            // Its regex and replacement arguments give '$1' and metacharacters a meaning no escaping of a string literal removes.
            return $"'${{{use.Name}}}' stands in an argument of label_replace, where a value could change the query's meaning ($1, regex); "
                + "select with it in a label matcher instead, e.g. up{job=\"${" + use.Name + "}\"}";
        }

        if (use.Name == BuiltInVariables.ReleaseInstances)
        {
            return use.IsRegex
                ? null
                : $"'${{{use.Name}}}' is a regex of the release's instances; it may only stand in a =~ or !~ matcher, e.g. pod=~\"${{{use.Name}}}\"";
        }

        if (use.Quote is null)
        {
            if (!BuiltInVariables.MayStandOutsideLiteral(use.Name))
            {
                return $"'${{{use.Name}}}' stands outside a string literal; only {BuiltInVariables.DeployedAtUnix}, "
                    + $"{BuiltInVariables.SoakDuration} and {BuiltInVariables.SinceDeploy} may, other values must be quoted, e.g. label=\"${{{use.Name}}}\"";
            }

            // ${sinceDeploy} stays in the rendered query until each evaluation fills in a duration.
            var perEvaluation = use.Name == BuiltInVariables.SinceDeploy && value == BuiltInVariables.SinceDeployPlaceholder;
            return perEvaluation || PlainNumber().IsMatch(value) || PromDuration.TryParse(value, out _)
                ? null
                : $"the value '{value}' of '${{{use.Name}}}' is neither a number nor a duration";
        }

        return use.Quote == '`' && value.Contains('`', StringComparison.Ordinal)
            ? $"the value of '${{{use.Name}}}' contains a backtick, which a `raw string` can't hold; use a \"quoted\" string"
            : null;
    }

    private static string Write(PlaceholderUse use, IReadOnlyDictionary<string, string> values)
    {
        if (!values.TryGetValue(use.Name, out var value))
        {
            throw new ArgumentException($"'${{{use.Name}}}' has no value", nameof(values));
        }

        if (Problem(use, value) is { } problem)
        {
            throw new ArgumentException(problem, nameof(values));
        }

        if (use.Quote is not { } quote)
        {
            return value;
        }

        if (use.IsRegex)
        {
            value = EscapeRegex(value);
        }

        return quote == '`' ? value : EscapeString(value, quote);
    }

    /// <summary>Escapes RE2's metacharacters so the value matches only itself.</summary>
    public static string EscapeRegex(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (RegexMetacharacters.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>Escapes a value for a PromQL string literal quoted with <paramref name="quote"/> (<c>"</c> or <c>'</c>).</summary>
    public static string EscapeString(string value, char quote)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    escaped.Append(@"\\");
                    break;
                case '\n':
                    escaped.Append(@"\n");
                    break;
                case '\r':
                    escaped.Append(@"\r");
                    break;
                case '\t':
                    escaped.Append(@"\t");
                    break;
                case var q when q == quote:
                    escaped.Append('\\').Append(q);
                    break;
                case < ' ':
                    escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>The identifier just before an opening parenthesis (a function's name), or empty.</summary>
    private static string NameBefore(string query, int paren)
    {
        var end = paren;
        while (end > 0 && char.IsWhiteSpace(query[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && (char.IsAsciiLetterOrDigit(query[start - 1]) || query[start - 1] is '_' or ':'))
        {
            start--;
        }

        return query[start..end];
    }

    private static int ScanString(string query, int start, char quote, bool isRegex, string? function, List<PlaceholderUse> uses)
    {
        var i = start + 1;
        while (i < query.Length && query[i] != quote)
        {
            if (query[i] == '\\' && quote != '`')
            {
                i += 2;
            }
            else if (TryMatch(query, i, out var name, out var length))
            {
                uses.Add(new PlaceholderUse(name, i, length, quote, isRegex, function));
                i += length;
            }
            else
            {
                i++;
            }
        }

        return i + 1;
    }

    private static bool FollowsRegexMatcher(string query, int quoteAt)
    {
        var i = quoteAt - 1;
        while (i >= 0 && char.IsWhiteSpace(query[i]))
        {
            i--;
        }

        return i >= 1 && query[i] == '~' && query[i - 1] is '=' or '!';
    }

    private static bool TryMatch(string query, int at, out string name, out int length)
    {
        var match = query[at] == '$' ? Placeholder().Match(query, at) : Match.Empty;
        name = match.Success ? match.Groups[1].Value : string.Empty;
        length = match.Length;
        return match.Success;
    }
}
