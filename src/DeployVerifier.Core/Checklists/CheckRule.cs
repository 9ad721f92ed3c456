namespace DeployVerifier.Checklists;

/// <summary>
/// How a check judges its values: its kind, with the settings only that kind has. A check carries exactly one, so a
/// kind's settings are reached by its type, never by a "set when Kind is …" property.
/// </summary>
public abstract record CheckRule
{
    private protected CheckRule()
    {
    }

    public abstract CheckKind Kind { get; }
}

/// <summary>The value at each evaluation is compared with <c>min</c> and <c>max</c> (and a baseline, if any).</summary>
public sealed record ThresholdRule : CheckRule
{
    /// <param name="bounds">The bounds, at least one of them finite; <c>min</c> not above <c>max</c>.</param>
    public ThresholdRule(Threshold bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (bounds.Min is { } min && !double.IsFinite(min) || bounds.Max is { } max && !double.IsFinite(max))
        {
            throw new ArgumentException($"a threshold's bounds are finite numbers, not {bounds}", nameof(bounds));
        }

        if (bounds is { Min: { } low, Max: { } high } && low > high)
        {
            throw new ArgumentException($"a threshold's min ({low}) is above its max ({high})", nameof(bounds));
        }

        Bounds = bounds;
    }

    /// <summary>No bounds: every value passes (a check whose only rule is its baseline or evidence).</summary>
    public static ThresholdRule None { get; } = new(Threshold.None);

    public Threshold Bounds { get; }

    public override CheckKind Kind => CheckKind.Threshold;
}

/// <summary>A growing resource: the projected time until it reaches its limit is compared with a horizon.</summary>
public sealed record TrendRule(TrendSettings Settings) : CheckRule
{
    public override CheckKind Kind => CheckKind.Trend;
}

/// <summary>A fleet's spare capacity: whether the survivors stay under a utilization if the busiest instances were lost.</summary>
public sealed record RedundancyRule(RedundancySettings Settings) : CheckRule
{
    public override CheckKind Kind => CheckKind.Redundancy;
}
