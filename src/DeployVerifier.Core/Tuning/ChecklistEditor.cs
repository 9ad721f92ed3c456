using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DeployVerifier.Tuning;

/// <summary>
/// Writes tuned values into a copy of the checklist's text, changing nothing else: comments, order and layout stay.
/// A value is edited where it stands; a key absent today is inserted under its check (or its section) with the
/// indentation of its neighbours; a <c>${var}</c> value changes the <c>vars:</c> default, or, without one, is reported
/// as the <c>--var</c> to pass; a value shared through a YAML anchor, or in a flow mapping, is reported and not edited.
/// </summary>
public static partial class ChecklistEditor
{
    [GeneratedRegex(@"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")]
    private static partial Regex Variable();

    /// <summary>
    /// The edited text; what could not be written into it (each with what to do instead); and every <c>${var}</c> whose
    /// value moved, with its new value (to pass as <c>--var</c> where none is written, or where one was given at run time).
    /// </summary>
    public static (string Text, IReadOnlyList<string> Notes, IReadOnlyDictionary<string, string> Vars) Apply(string yaml,
        IEnumerable<(string Check, string Key, string Value)> changes)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(changes);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var edits = new List<(int At, int Remove, string Insert)>();
        var notes = new List<string>();
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (check, key, value) in changes)
        {
            var mapping = Check(root, check);
            if (mapping is null)
            {
                notes.Add($"{check}: not found in the file; set {key}: {value} by hand");
                continue;
            }

            var path = key.Split('.');
            for (var i = 0; i < path.Length - 1 && mapping is not null; i++)
            {
                mapping = Child(mapping, path[i]) as YamlMappingNode;
            }

            var leaf = path[^1];
            if (mapping is null)
            {
                notes.Add($"{check}.{key}: its section is not a block mapping in the file; set it to {value} by hand");
            }
            else if (Child(mapping, leaf) is not { } node)
            {
                if (Insert(yaml, mapping, leaf, value) is { } insert)
                {
                    edits.Add(insert);
                }
                else
                {
                    notes.Add($"{check}.{key}: its check is written as a flow mapping; add {leaf}: {value} by hand");
                }
            }
            else if (node is not YamlScalarNode scalar || !node.Anchor.IsEmpty)
            {
                notes.Add($"{check}.{key}: its value is shared through a YAML anchor, so it is not edited here; set it to {value} where the anchor is defined if every user of it should move");
            }
            else if (Variable().Match(scalar.Value ?? "") is { Success: true } match)
            {
                var name = match.Groups[1].Value;
                moved[name] = value;
                if (Child(root, "vars") is YamlMappingNode vars && Child(vars, name) is YamlScalarNode { Value: { Length: > 0 } } fallback && fallback.Value != "~")
                {
                    edits.Add(Replace(yaml, fallback, value));
                    notes.Add($"{check}.{key} is ${{{name}}}: its default under vars: was changed to {value}; a --var {name}=... given at run time still overrides it");
                    AddStaleComment(yaml, fallback, $"vars.{name}", value, notes);
                }
                else
                {
                    notes.Add($"{check}.{key} is ${{{name}}}, which has no default: pass --var {name}={value}");
                }
            }
            else
            {
                edits.Add(Replace(yaml, scalar, value));
                AddStaleComment(yaml, scalar, $"{check}.{key}", value, notes);
            }
        }

        var text = new StringBuilder(yaml);
        foreach (var (at, remove, insert) in edits.OrderByDescending(e => e.At))
        {
            text.Remove(at, remove).Insert(at, insert);
        }

        return (text.ToString(), notes, moved);
    }

    private static YamlMappingNode? Check(YamlMappingNode root, string name) =>
        Child(root, "checks") is YamlSequenceNode checks
            ? checks.Children.OfType<YamlMappingNode>().FirstOrDefault(c => Child(c, "name") is YamlScalarNode { Value: var n } && n == name)
            : null;

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode { Value: var k } && k == key).Value;

    /// <summary>
    /// A comment beside a value that moved (<c>max: 0.05%  # five in ten thousand</c>), or on the line just above it, was
    /// written for the old value: it is kept, and a note asks for it to be read again.
    /// </summary>
    private static void AddStaleComment(string yaml, YamlScalarNode scalar, string where, string value, List<string> notes)
    {
        if (TrailingComment(yaml, scalar) is { } beside)
        {
            notes.Add($"{where} is now {value}, and the comment beside it, \"{yaml[beside..LineEnd(yaml, beside)].Trim()}\", was written for the value before: read it again");
        }
        else if (CommentAbove(yaml, scalar) is { } above)
        {
            notes.Add($"{where} is now {value}, and the comment above it, \"{above}\", was written for the value before: read it again");
        }
    }

    /// <summary>Where the comment after the scalar on its line starts (its <c>#</c>); null when there is none.</summary>
    private static int? TrailingComment(string yaml, YamlScalarNode scalar)
    {
        var end = (int)scalar.End.Index;
        var rest = yaml[end..LineEnd(yaml, end)];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        return hash >= 0 && (hash == 0 || char.IsWhiteSpace(rest[hash - 1])) && rest[..hash].Trim().Length == 0 ? end + hash : null;
    }

    /// <summary>The comment that is the whole line just above the scalar's line; null when that line is anything else.</summary>
    private static string? CommentAbove(string yaml, YamlScalarNode scalar)
    {
        var lineStart = yaml.LastIndexOf('\n', Math.Max(0, (int)scalar.Start.Index - 1)) + 1;
        if (lineStart <= 0)
        {
            return null;
        }

        var aboveStart = yaml.LastIndexOf('\n', lineStart - 2) + 1;
        var above = yaml[aboveStart..(lineStart - 1)].Trim();
        return above.StartsWith('#') ? above : null;
    }

    private static int LineEnd(string yaml, int from) => yaml.IndexOf('\n', from) is var end and >= 0 ? end : yaml.Length;

    /// <summary>
    /// The scalar replaced by <paramref name="value"/>; a comment beside it keeps its column (the spaces before it
    /// grow or shrink, at least one kept), so comments aligned down a block stay aligned.
    /// </summary>
    private static (int, int, string) Replace(string yaml, YamlScalarNode scalar, string value)
    {
        var (at, length, _) = Replace(scalar, value);
        if (TrailingComment(yaml, scalar) is not { } hash)
        {
            return (at, length, value);
        }

        var gap = hash - (at + length);
        return (at, hash - at, value + new string(' ', Math.Max(1, gap + length - value.Length)));
    }

    private static (int, int, string) Replace(YamlScalarNode scalar, string value) =>
        ((int)scalar.Start.Index, (int)(scalar.End.Index - scalar.Start.Index), value);

    /// <summary>A new line under the mapping's first key, at its indentation; null for a flow mapping.</summary>
    private static (int, int, string)? Insert(string yaml, YamlMappingNode mapping, string key, string value)
    {
        if (mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow || mapping.Children.Count == 0)
        {
            return null;
        }

        var first = mapping.Children.First();
        var indent = new string(' ', (int)first.Key.Start.Column - 1);
        var lineEnd = yaml.IndexOf('\n', (int)first.Value.End.Index > 0 ? (int)first.Value.End.Index - 1 : 0);
        var at = lineEnd < 0 ? yaml.Length : lineEnd + 1;
        var newline = lineEnd < 0 ? "\n" : "";
        return (at, 0, $"{newline}{indent}{key}: {value}\n");
    }
}
