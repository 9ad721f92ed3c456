using System.Collections.Frozen;

namespace DeployVerifier.Metrics;

/// <summary>The label set that identifies one series, compared by value and printed the PromQL way.</summary>
public sealed class Labels : IEquatable<Labels>
{
    private readonly FrozenDictionary<string, string> _values;
    private readonly string _text;

    public Labels(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = values.ToFrozenDictionary(StringComparer.Ordinal);
        _text = "{" + string.Join(", ", _values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{p.Value}\"")) + "}";
    }

    public static Labels Empty { get; } = new([]);

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>The most telling name for a person: the pod if there is one, else the whole label set.</summary>
    public string DisplayName =>
        _values.GetValueOrDefault("pod") ?? _values.GetValueOrDefault("instance") ?? (_values.Count == 0 ? "(whole result)" : _text);

    public bool Equals(Labels? other) => other is not null && _text == other._text;

    public override bool Equals(object? obj) => Equals(obj as Labels);

    public override int GetHashCode() => _text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => _text;
}
