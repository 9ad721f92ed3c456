using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DeployVerifier.Checklists.Document;

/// <summary>Reads YAML text into a <see cref="DocumentNode"/> tree, keeping every node's place and reporting duplicate keys.</summary>
internal static partial class DocumentParser
{
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex MarkPrefix();

    /// <summary>The single document's root, or null when the text holds none or is not valid YAML (then an error is added).</summary>
    public static DocumentNode? Parse(string yaml, string fileName, ICollection<ChecklistError> errors)
    {
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
            var root = context.Read(parser);
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
    }

    private sealed class ParseContext(string fileName, ICollection<ChecklistError> errors)
    {
        private readonly Dictionary<string, DocumentNode> anchors = new(StringComparer.Ordinal);

        public SourceLocation At(Mark mark) => new(fileName, (int)mark.Line, (int)mark.Column);

        public DocumentNode Read(IParser parser)
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    return target;
                }

                throw new YamlException(alias.Start, alias.End, $"the alias '*{alias.Value.Value}' names no anchor");
            }

            DocumentNode node;
            AnchorName anchor;
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                anchor = scalar.Anchor;
                node = new DocumentScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, At(scalar.Start));
            }
            else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                anchor = sequenceStart.Anchor;
                var items = new List<DocumentNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(Read(parser));
                }

                node = new DocumentSequence(items, At(sequenceStart.Start));
            }
            else
            {
                var mappingStart = parser.Consume<MappingStart>();
                anchor = mappingStart.Anchor;
                node = ReadMapping(parser, At(mappingStart.Start));
            }

            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }

            return node;
        }

        private DocumentMapping ReadMapping(IParser parser, SourceLocation location)
        {
            var entries = new List<KeyValuePair<DocumentScalar, DocumentNode>>();
            var seen = new Dictionary<string, DocumentScalar>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = Read(parser);
                var value = Read(parser);
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
