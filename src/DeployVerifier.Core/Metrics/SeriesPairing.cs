namespace DeployVerifier.Metrics;

/// <summary>
/// The one rule that says when two series belong to the same instance: a memory series and its pod, its limit, its
/// evidence, a pod's CPU and its capacity. Series of different scrape jobs (cAdvisor in the kubelet job,
/// kube-state-metrics, the application) never agree on their target labels (<c>job</c>, <c>instance</c>, ...), so
/// pairing on "every shared label" pairs nothing; they are paired on the labels that identify the instance instead.
/// </summary>
public sealed class SeriesPairing
{
    /// <summary>
    /// The labels a scrape adds for its target, or a store for its replica: never part of what identifies an instance
    /// across jobs.
    /// </summary>
    public static readonly IReadOnlyList<string> TargetLabels =
        ["job", "instance", "endpoint", "service", "metrics_path", "node", "prometheus", "prometheus_replica"];

    /// <summary>Labels that narrow an instance down wherever both series have them: the cluster, the namespace, the container.</summary>
    public static readonly IReadOnlyList<string> ScopeLabels = ["cluster", "namespace", "container"];

    private readonly HashSet<string>? _on;
    private readonly IReadOnlyList<string>? _order;
    private readonly bool _explicit;

    private SeriesPairing(IReadOnlyList<string>? on, bool isExplicit, string description)
    {
        _on = on?.ToHashSet(StringComparer.Ordinal);
        _order = on;
        _explicit = isExplicit;
        Description = description;
    }

    /// <summary>Without a release section: every label both series have, but the target labels.</summary>
    public static SeriesPairing SharedLabels { get; } = new(null, false, "every shared label but the target labels");

    /// <summary>The release's instance label, and <see cref="ScopeLabels"/> where both series have them.</summary>
    public static SeriesPairing ForInstances(string instanceLabel) =>
        new([instanceLabel, .. ScopeLabels], false, $"{instanceLabel}, and {string.Join(", ", ScopeLabels)} where both have them");

    /// <summary><c>matchOn</c>: exactly these labels, a missing label counting as empty (as PromQL's <c>on (...)</c>).</summary>
    public static SeriesPairing On(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return new(labels, true, $"matchOn [{string.Join(", ", labels)}]");
    }

    /// <summary>A check's rule: its <c>matchOn</c>, else the release section's, else <see cref="SharedLabels"/>.</summary>
    /// <param name="matchOn">The check's <c>matchOn</c>; null when not given.</param>
    /// <param name="release">The release section's rule; null without one.</param>
    public static SeriesPairing For(IReadOnlyList<string>? matchOn, SeriesPairing? release) =>
        matchOn is { } on ? On(on) : release ?? SharedLabels;

    /// <summary>The rule in words, for warnings.</summary>
    public string Description { get; }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> agree on every identifying label. With
    /// <paramref name="requireShared"/>, they must also have at least one identifying label in common (a series
    /// with none can't be said to belong to an instance).
    /// </summary>
    public bool Pairs(Labels a, Labels b, bool requireShared = false) => Agreement(a, b) is { } shared && (!requireShared || shared > 0);

    /// <summary>How many identifying labels the two agree on; null when they disagree on one.</summary>
    private int? Agreement(Labels a, Labels b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shared = 0;
        if (_explicit)
        {
            foreach (var name in _on!)
            {
                if ((a[name] ?? string.Empty) != (b[name] ?? string.Empty))
                {
                    return null;
                }

                shared++;
            }

            return shared;
        }

        foreach (var (name, value) in a.Values)
        {
            if (name == "__name__" || b[name] is not { } other || (_on is null ? TargetLabels.Contains(name) : !_on.Contains(name)))
            {
                continue;
            }

            if (other != value)
            {
                return null;
            }

            shared++;
        }

        return shared;
    }

    /// <summary>
    /// The companion of <paramref name="labels"/> (its limit, its capacity, its evidence): the value of the series that
    /// pairs with it on the most identifying labels. When two such series disagree, the smaller value is taken (the
    /// earlier limit, the less evidence) and <see cref="PairingMatch.Ambiguity"/> names both.
    /// </summary>
    public PairingMatch Find(Labels labels, IEnumerable<(Labels Labels, double Value)> companions)
    {
        ArgumentNullException.ThrowIfNull(companions);
        return FindAmong(labels, companions);
    }

    /// <summary>
    /// <paramref name="companions"/> indexed for one <see cref="Find(Labels, PairingIndex)"/> per series of an evaluation:
    /// each is then looked for only among the companions that can pair with it, with the same result as a search of all.
    /// </summary>
    public PairingIndex Index(IReadOnlyList<(Labels Labels, double Value)> companions) => new(this, companions);

    /// <summary>As <see cref="Find(Labels, IEnumerable{ValueTuple{Labels, double}})"/>, among the indexed companions.</summary>
    public PairingMatch Find(Labels labels, PairingIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return FindAmong(labels, index.Candidates(labels));
    }

    /// <summary>
    /// The label an index buckets by: with <c>matchOn</c>, all of them (a series pairs only with its exact match); with
    /// the instance label first, that label (a companion with another value never pairs; one without it may).
    /// </summary>
    internal (IReadOnlyList<string> Labels, bool Exact)? IndexKey => _order is null ? null : _explicit ? (_order, true) : ([_order[0]], false);

    private PairingMatch FindAmong(Labels labels, IEnumerable<(Labels Labels, double Value)> companions)
    {
        var best = -1;
        var matches = new List<(Labels Labels, double Value)>();
        foreach (var companion in companions)
        {
            if (Agreement(labels, companion.Labels) is not { } shared || shared < best)
            {
                continue;
            }

            if (shared > best)
            {
                best = shared;
                matches.Clear();
            }

            matches.Add(companion);
        }

        if (matches.Count == 0)
        {
            return PairingMatch.None;
        }

        var ordered = matches.OrderBy(m => m.Value).ToList();
        var (least, most) = (ordered[0], ordered[^1]);
        if (least.Value.Equals(most.Value))
        {
            return new PairingMatch(least.Value, null);
        }

        return new PairingMatch(least.Value,
            $"{labels} pairs with {matches.Count} series of different values on {Description}: {least.Labels} = {Number(least.Value)} and "
            + $"{most.Labels} = {Number(most.Value)}; the smaller is used (set matchOn, or keep the labels that tell them apart in both queries)");
    }

    private static string Number(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What <see cref="SeriesPairing.Find"/> found.</summary>
/// <param name="Value">The companion's value; null when no series pairs.</param>
/// <param name="Ambiguity">Set when two paired series disagree: what they are and which was used.</param>
public readonly record struct PairingMatch(double? Value, string? Ambiguity)
{
    public static PairingMatch None => default;
}

/// <summary>
/// Companions bucketed by the labels that must agree (<see cref="SeriesPairing.IndexKey"/>), so that a series is compared
/// only with those that can pair with it; the candidates keep the companions' order, so the match (and its ambiguity
/// message) is the one a search of all gives.
/// </summary>
public sealed class PairingIndex
{
    private readonly IReadOnlyList<(Labels Labels, double Value)> _all;
    private readonly (IReadOnlyList<string> Labels, bool Exact)? _key;
    private readonly Dictionary<string, List<int>> _buckets = new(StringComparer.Ordinal);
    private readonly List<int> _without = [];

    internal PairingIndex(SeriesPairing pairing, IReadOnlyList<(Labels Labels, double Value)> companions)
    {
        ArgumentNullException.ThrowIfNull(companions);
        _all = companions;
        _key = pairing.IndexKey;
        if (_key is not { } key)
        {
            return;
        }

        for (var i = 0; i < companions.Count; i++)
        {
            if (Key(companions[i].Labels, key) is { } value)
            {
                (_buckets.TryGetValue(value, out var bucket) ? bucket : _buckets[value] = []).Add(i);
            }
            else
            {
                _without.Add(i);
            }
        }
    }

    /// <summary>The companions that can pair with <paramref name="labels"/>, in their order.</summary>
    internal IEnumerable<(Labels Labels, double Value)> Candidates(Labels labels)
    {
        if (_key is not { } key || Key(labels, key) is not { } value)
        {
            return _all;
        }

        var bucket = _buckets.GetValueOrDefault(value) ?? [];
        if (key.Exact || _without.Count == 0)
        {
            return bucket.Select(i => _all[i]);
        }

        // Merged in the companions' order: those with the same value, and those without the label.
        return Merge(bucket, _without).Select(i => _all[i]);
    }

    /// <summary>The bucket's key: the labels' values (a missing one empty, as matchOn reads it), or the instance label's value; null without it.</summary>
    private static string? Key(Labels labels, (IReadOnlyList<string> Labels, bool Exact) key) =>
        key.Exact ? string.Join("\u0000", key.Labels.Select(l => labels[l] ?? string.Empty)) : labels[key.Labels[0]];

    private static IEnumerable<int> Merge(List<int> a, List<int> b)
    {
        var (i, j) = (0, 0);
        while (i < a.Count || j < b.Count)
        {
            yield return j >= b.Count || (i < a.Count && a[i] < b[j]) ? a[i++] : b[j++];
        }
    }
}
