namespace DeployVerifier.Checklists.Document;

/// <summary>Reads one mapping of known keys: reports unknown keys on creation and wrong shapes on access.</summary>
internal sealed class DocumentMappingReader
{
    private readonly Dictionary<string, DocumentNode> entries = new(StringComparer.Ordinal);
    private readonly string path;
    private readonly ICollection<ChecklistError> errors;

    public DocumentMappingReader(DocumentMapping mapping, string path, IReadOnlyList<string> keys, ICollection<ChecklistError> errors)
    {
        this.path = path;
        this.errors = errors;
        foreach (var (key, value) in mapping.Entries)
        {
            if (keys.Contains(key.Value, StringComparer.Ordinal))
            {
                entries[key.Value] = value;
                continue;
            }

            var hint = NameSuggestion.Nearest(key.Value, keys) is { } nearest
                ? $"; did you mean '{nearest}'?"
                : $"; known keys here are {string.Join(", ", keys)}";
            var where = path.Length == 0 ? string.Empty : $" in {path}";
            errors.Add(new ChecklistError($"unknown key '{key.Value}'{where}{hint}", key.Location));
        }
    }

    public string PathOf(string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The node under <paramref name="key"/>, or null when it is missing or null.</summary>
    public DocumentNode? Node(string key) =>
        entries.TryGetValue(key, out var node) && node is not DocumentScalar { IsNull: true } ? node : null;

    public DocumentScalar? Scalar(string key) => As<DocumentScalar>(key, "a single value");

    public DocumentMapping? Mapping(string key) => As<DocumentMapping>(key, "a mapping of keys to values");

    public DocumentSequence? Sequence(string key) => As<DocumentSequence>(key, "a list");

    /// <summary>
    /// The mapping under <paramref name="key"/> read as a section of its own (its <paramref name="keys"/> known, its
    /// path below this one), by <paramref name="read"/> given its reader and location; null when it is missing.
    /// </summary>
    public T? Section<T>(string key, IReadOnlyList<string> keys, Func<DocumentMappingReader, SourceLocation, T> read)
        where T : class =>
        Mapping(key) is { } mapping ? read(new DocumentMappingReader(mapping, PathOf(key), keys, errors), mapping.Location) : null;

    private T? As<T>(string key, string expected)
        where T : DocumentNode
    {
        var node = Node(key);
        if (node is null or T)
        {
            return (T?)node;
        }

        errors.Add(new ChecklistError($"{PathOf(key)}: expected {expected}, found {node.Kind}", node.Location));
        return null;
    }
}
