namespace DeployVerifier.Releases;

/// <summary>
/// Finds the first vector selector of a PromQL expression (<c>metric{labels}</c>, <c>metric</c> or <c>{labels}</c>): the
/// series whose raw sample times show how fresh the release data is. A small scanner, not a parser: it skips strings,
/// placeholders, ranges, label lists of <c>by</c>/<c>on</c>/..., function and aggregation names, keywords and numbers.
/// </summary>
public static class FreshnessSelector
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless", "atan2",
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
        "inf", "nan",
    };

    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    /// <summary>The first vector selector's text, e.g. <c>kube_replicaset_created{namespace="shop"}</c>; null when there is none.</summary>
    public static string? Find(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(query, i);
            }
            else if (c == '$' && i + 1 < query.Length && query[i + 1] == '{')
            {
                i = Skip(query, i + 1, '{', '}');
            }
            else if (c == '[')
            {
                i = Skip(query, i, '[', ']');
            }
            else if (c == '{')
            {
                var end = Skip(query, i, '{', '}');
                return query[i..end];
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < query.Length && char.IsAsciiDigit(query[i + 1])))
            {
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] is '.' or '_'))
                {
                    i++;
                }
            }
            else if (char.IsAsciiLetter(c) || c is '_' or ':')
            {
                var start = i;
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] is '_' or ':'))
                {
                    i++;
                }

                var name = query[start..i];
                var next = SkipSpace(query, i);
                if (LabelListKeywords.Contains(name) && next < query.Length && query[next] == '(')
                {
                    i = Skip(query, next, '(', ')');
                }
                else if ((next < query.Length && query[next] == '(') || Keywords.Contains(name))
                {
                    // A function or an aggregation: its argument comes next.
                }
                else if (next < query.Length && query[next] == '{')
                {
                    return query[start..Skip(query, next, '{', '}')];
                }
                else
                {
                    return name;
                }
            }
            else
            {
                i++;
            }
        }

        return null;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The index after the bracket that closes the one at <paramref name="i"/>, strings inside skipped.</summary>
    private static int Skip(string text, int i, char open, char close)
    {
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(text, i);
                continue;
            }

            if (c == open)
            {
                depth++;
            }
            else if (c == close && --depth == 0)
            {
                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    private static int SkipString(string text, int i)
    {
        var quote = text[i++];
        while (i < text.Length && text[i] != quote)
        {
            i += text[i] == '\\' && quote != '`' ? 2 : 1;
        }

        return Math.Min(i + 1, text.Length);
    }
}
