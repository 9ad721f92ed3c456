using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DeployVerifier.Checklists.Document;

/// <summary>Reads YAML text into a <see cref="DocumentNode"/> tree, keeping every node's place and reporting duplicate keys.</summary>
internal static partial class DocumentParser
{
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex MarkPrefix();

    /// <summary>The largest checklist read: 1 MiB.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>The deepest nesting of mappings and sequences: 64 (a deeper file would exhaust the stack).</summary>
    public const int MaxDepth = 64;

    /// <summary>The most aliases (<c>*name</c>) a checklist may use: 100.</summary>
    public const int MaxAliases = 100;

    /// <summary>The most nodes a checklist may expand to once aliases are followed: 100,000 ("billion laughs" stop here).</summary>
    public const long MaxNodes = 100_000;

    /// <summary>The single document's root, or null when the text holds none or is not valid YAML (then an error is added).</summary>
    public static DocumentNode? Parse(string yaml, string fileName, ICollection<ChecklistError> errors)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > MaxLength)
        {
            errors.Add(new ChecklistError($"the checklist is {yaml.Length / 1024} KiB; a checklist may be at most {MaxLength / 1024} KiB", new SourceLocation(fileName, 1, 1)));
            return null;
        }

        var parser = new Parser(new StringReader(yaml));
        var context = new ParseContext(fileName, errors);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = context.Read(parser, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                errors.Add(new ChecklistError("a checklist file holds one YAML document; remove the '---' and what follows", context.At(second.Start)));
            }

            return root;
        }
        catch (YamlException e)
        {
            errors.Add(new ChecklistError("YAML syntax error: " + MarkPrefix().Replace(e.Message, string.Empty), context.At(e.Start)));
            return null;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some malformed plain scalars (found by the checklist fuzz test):
            // still a syntax error, placed after the last thing the parser read.
            var at = parser.Current?.End ?? Mark.Empty;
            errors.Add(new ChecklistError($"YAML syntax error after this point: the text can't be read as YAML ({e.Message})", context.At(at)));
            return null;
        }
    }

    private sealed class ParseContext(string fileName, ICollection<ChecklistError> errors)
    {
        private readonly Dictionary<string, DocumentNode> anchors = new(StringComparer.Ordinal);

        /// <summary>How many nodes each anchored node stands for once its aliases are followed.</summary>
        private readonly Dictionary<DocumentNode, long> weights = new(ReferenceEqualityComparer.Instance);

        private int aliases;
        private long nodes;

        public SourceLocation At(Mark mark) => new(fileName, (int)mark.Line, (int)mark.Column);

        public DocumentNode Read(IParser parser, int depth)
        {
            var before = nodes;
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (++aliases > MaxAliases)
                {
                    throw new YamlException(alias.Start, alias.End, $"more than {MaxAliases} aliases; a checklist may use at most {MaxAliases}");
                }

                if (anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    Count(weights.GetValueOrDefault(target, 1), alias.Start, alias.End);
                    return target;
                }

                throw new YamlException(alias.Start, alias.End, $"the alias '*{alias.Value.Value}' names no anchor");
            }

            DocumentNode node;
            AnchorName anchor;
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                Count(1, scalar.Start, scalar.End);
                anchor = scalar.Anchor;
                node = new DocumentScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, At(scalar.Start));
            }
            else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                Enter(depth, sequenceStart.Start, sequenceStart.End);
                anchor = sequenceStart.Anchor;
                var items = new List<DocumentNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(Read(parser, depth + 1));
                }

                node = new DocumentSequence(items, At(sequenceStart.Start));
            }
            else
            {
                var mappingStart = parser.Consume<MappingStart>();
                Enter(depth, mappingStart.Start, mappingStart.End);
                anchor = mappingStart.Anchor;
                node = ReadMapping(parser, At(mappingStart.Start), depth + 1);
            }

            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
                weights[node] = nodes - before;
            }

            return node;
        }

        private void Enter(int depth, Mark start, Mark end)
        {
            if (depth >= MaxDepth)
            {
                throw new YamlException(start, end, $"nested deeper than {MaxDepth} levels; a checklist may nest at most {MaxDepth}");
            }

            Count(1, start, end);
        }

        private void Count(long weight, Mark start, Mark end)
        {
            nodes += weight;
            if (nodes > MaxNodes)
            {
                throw new YamlException(start, end, $"expands to more than {MaxNodes} values once its aliases are followed; a checklist may hold at most {MaxNodes}");
            }
        }

        private DocumentMapping ReadMapping(IParser parser, SourceLocation location, int depth)
        {
            var entries = new List<KeyValuePair<DocumentScalar, DocumentNode>>();
            var seen = new Dictionary<string, DocumentScalar>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = Read(parser, depth);
                var value = Read(parser, depth);
                if (keyNode is not DocumentScalar key)
                {
                    errors.Add(new ChecklistError($"a key must be a single value, not {keyNode.Kind}", keyNode.Location));
                    continue;
                }

                if (seen.TryGetValue(key.Value, out var first))
                {
                    errors.Add(new ChecklistError(
                        $"duplicate key '{key.Value}' (first at line {first.Location.Line}); each key may appear once", key.Location));
                    continue;
                }

                seen.Add(key.Value, key);
                entries.Add(new(key, value));
            }

            return new DocumentMapping(entries, location);
        }
    }
}
