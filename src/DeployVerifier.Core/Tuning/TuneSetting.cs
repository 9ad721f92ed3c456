using DeployVerifier.Checklists;
using DeployVerifier.Quantities;

namespace DeployVerifier.Tuning;

/// <summary>Which value of a check <c>tune</c> may move.</summary>
internal enum SettingKind
{
    /// <summary><c>max</c>, with a baseline's <c>maxIncrease</c> moved by the same factor and its <c>maxFactor</c> tightened with them (a value fails only beyond every upper bound): higher fails less.</summary>
    Max,

    /// <summary><c>min</c>: higher fails more.</summary>
    Min,

    /// <summary><c>trend.horizon</c>: longer fails more (the leak test's own thresholds are calibrated and never move).</summary>
    Horizon,

    /// <summary><c>redundancy.maxUtilization</c>: higher fails less.</summary>
    MaxUtilization,
}

/// <summary>
/// One value of one check that <c>tune</c> may move, measured on one axis: the <em>strictness</em> <c>u</c>, which
/// only grows as the check fails more releases. On a log scale (ratios, bytes, seconds, a horizon) <c>u</c> is the
/// logarithm of the factor the original value is multiplied by; on a linear one (counts, or an original of zero) it
/// is the value itself, its sign turned where a higher value fails less.
/// </summary>
internal sealed record TuneSetting(string Check, SettingKind Kind, bool Log, double Original)
{
    /// <summary>The checklist key that holds it, e.g. <c>max</c>, <c>baseline.maxIncrease</c> or <c>trend.horizon</c>.</summary>
    public string Key { get; init; } = Kind switch
    {
        SettingKind.Max => "max",
        SettingKind.Min => "min",
        SettingKind.Horizon => "trend.horizon",
        _ => "redundancy.maxUtilization",
    };

    /// <summary>The settings of a check that <c>tune</c> may move: none for a check that only warns.</summary>
    public static IEnumerable<TuneSetting> Of(CheckDefinition check)
    {
        if (check.Severity != CheckSeverity.Fail)
        {
            yield break;
        }

        switch (check.Rule)
        {
            case TrendRule trend:
                yield return new TuneSetting(check.Name, SettingKind.Horizon, true, trend.Settings.Horizon.TotalSeconds);
                break;
            case RedundancyRule redundancy:
                yield return new TuneSetting(check.Name, SettingKind.MaxUtilization, true, redundancy.Settings.MaxUtilization);
                break;
            case ThresholdRule { Bounds: var bounds }:
                var counts = check.Unit == QuantityUnit.Number;
                if (bounds.Max is { } max)
                {
                    yield return new TuneSetting(check.Name, SettingKind.Max, !counts && max > 0, max);
                }
                else if (check.Baseline is { MaxIncrease: > 0 and var increase })
                {
                    yield return new TuneSetting(check.Name, SettingKind.Max, true, increase) { Key = "baseline.maxIncrease" };
                }
                else if (check.Baseline is { MaxFactor: > 0 and var factor })
                {
                    yield return new TuneSetting(check.Name, SettingKind.Max, true, factor) { Key = "baseline.maxFactor" };
                }

                if (bounds.Min is { } min)
                {
                    yield return new TuneSetting(check.Name, SettingKind.Min, !counts && min > 0, min);
                }

                break;
        }
    }

    /// <summary>How its value is written: a baseline's <c>maxFactor</c> is a plain number, the others take the check's unit.</summary>
    public QuantityUnit UnitIn(CheckDefinition check) => Key == "baseline.maxFactor" ? QuantityUnit.Number : check.Unit;

    /// <summary>Whether a higher value fails more releases.</summary>
    public bool HigherIsStricter => Kind is SettingKind.Min or SettingKind.Horizon;

    /// <summary>Whether a tolerance goes with the value (threshold and redundancy checks; a trend has its own sequential test).</summary>
    public bool HasTolerance => Kind != SettingKind.Horizon;

    /// <summary>The original's strictness.</summary>
    public double OriginalU => Log ? 0 : Sign * Original;

    /// <summary>The strictnesses searched, loosest first: factors of 1 % from 1/10,000 to 10,000 times, or the values a release showed.</summary>
    public IReadOnlyList<double> Grid(IEnumerable<double> observed)
    {
        if (Log)
        {
            return [.. Enumerable.Range(-LogSteps, (2 * LogSteps) + 1).Select(k => k * Math.Log(1.01))];
        }

        // Between two values a release showed nothing changes; one past each end makes every value fail, or none.
        var values = observed.Append(Original).Where(double.IsFinite).Select(v => Sign * v).Distinct().Order().ToList();
        return [values[0] - 1, .. values, values[^1] + 1];
    }

    /// <summary>
    /// The value at strictness <paramref name="u"/>: the original times e^±u on a log scale, else ±u; a horizon no longer
    /// than the checklist accepts (366 days), so that no value tried, shown or written is one <c>validate</c> refuses.
    /// </summary>
    public double ValueAt(double u)
    {
        var value = Log ? Original * Math.Exp(Sign * u) : Sign * u;
        return Kind == SettingKind.Horizon ? Math.Clamp(value, 1, ChecklistLimits.MaxDuration.TotalSeconds) : value;
    }

    /// <summary>The strictness of <paramref name="value"/>.</summary>
    public double StrictnessOf(double value) => Log ? Sign * Math.Log(value / Original) : Sign * value;

    /// <summary>The check with this value at strictness <paramref name="u"/>; a baseline's <c>maxIncrease</c> and <c>maxFactor</c> move by the same factor.</summary>
    public CheckDefinition Apply(CheckDefinition check, double u)
    {
        var value = ValueAt(u);
        switch (Kind)
        {
            case SettingKind.Horizon when check.Rule is TrendRule trend:
                var horizon = TimeSpan.FromSeconds(value);
                return check with { Rule = new TrendRule(trend.Settings with { Horizon = horizon }) };
            case SettingKind.MaxUtilization when check.Rule is RedundancyRule redundancy:
                return check with { Rule = new RedundancyRule(redundancy.Settings with { MaxUtilization = value }) };
            case SettingKind.Max when check.Rule is ThresholdRule threshold:
                var factor = Log ? Math.Exp(Sign * u) : 1;
                var baseline = check.Baseline is { } b && Log ? b with { MaxIncrease = b.MaxIncrease * factor, MaxFactor = MoveFactor(b.MaxFactor, factor) } : check.Baseline;
                var max = threshold.Bounds.Max is null ? (double?)null : Math.Max(value, threshold.Bounds.Min ?? double.MinValue);
                return check with { Rule = new ThresholdRule(threshold.Bounds with { Max = max }), Baseline = baseline };
            case SettingKind.Min when check.Rule is ThresholdRule threshold:
                var min = Math.Min(value, threshold.Bounds.Max ?? double.MaxValue);
                return check with { Rule = new ThresholdRule(threshold.Bounds with { Min = min }) };
            default:
                throw new InvalidOperationException($"{Key} is not a setting of the check {check.Name}");
        }
    }

    /// <summary>The check with this value so loose that it never fails on it: for reading every value a release shows.</summary>
    public CheckDefinition Open(CheckDefinition check) => Kind switch
    {
        SettingKind.Max when check.Rule is ThresholdRule threshold =>
            check with { Rule = new ThresholdRule(threshold.Bounds with { Max = double.MaxValue }), Baseline = null },
        SettingKind.Min when check.Rule is ThresholdRule threshold => check with { Rule = new ThresholdRule(threshold.Bounds with { Min = double.MinValue }) },
        _ => check,
    };

    /// <summary>
    /// A baseline's <c>maxFactor</c> as the other upper bounds move by <paramref name="factor"/>: the increase it allows
    /// (its excess over 1) shrinks with them, and it stays where it is when they loosen (a ratio to the level before
    /// the deploy is not a bound that grows with the check's scale). When it is the value tuned, it moves by the factor.
    /// </summary>
    private double? MoveFactor(double? maxFactor, double factor) =>
        maxFactor is not { } f ? null : Key == "baseline.maxFactor" ? f * factor : factor < 1 ? 1 + ((f - 1) * factor) : f;

    private const int LogSteps = 926; // 1.01^926 ≈ 10,000

    private double Sign => HigherIsStricter ? 1 : -1;
}
