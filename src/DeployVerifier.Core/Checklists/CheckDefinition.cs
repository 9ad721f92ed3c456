using DeployVerifier.Quantities;

namespace DeployVerifier.Checklists;

/// <summary>One check of a checklist, validated. Thresholds are in base units (bytes, seconds, ratios).</summary>
public sealed record CheckDefinition
{
    /// <summary>Unique within the checklist; used in reports and the rollback's environment.</summary>
    public required string Name { get; init; }

    /// <summary>The PromQL query with its <c>${placeholders}</c> not yet replaced.</summary>
    public required string Query { get; init; }

    /// <summary>How the values are judged, with the settings of that kind only; default a threshold without bounds.</summary>
    public CheckRule Rule { get; init; } = ThresholdRule.None;

    /// <summary>The rule's kind.</summary>
    public CheckKind Kind => Rule.Kind;

    /// <summary>The bound each value is held to: a threshold's bounds, a redundancy check's utilization as its max; none for a trend.</summary>
    public Threshold Threshold => Rule switch
    {
        ThresholdRule threshold => threshold.Bounds,
        RedundancyRule redundancy => new Threshold(null, redundancy.Settings.MaxUtilization),
        _ => Threshold.None,
    };

    /// <summary>How values are written for people; taken from the threshold's unit unless given.</summary>
    public QuantityUnit Unit { get; init; } = QuantityUnit.Number;

    /// <summary>Consecutive failing evaluations tolerated before the check fails; default 0.</summary>
    public int Tolerance { get; init; } = ChecklistDefaults.Tolerance;

    /// <summary>
    /// The share of judged evaluations that may fail; default <see cref="FailureBudget.Default"/> (50 % once 10 are judged)
    /// for a threshold check, none for a trend check (which has its own sequential test). Null: no budget.
    /// </summary>
    public FailureBudget? Budget
    {
        get => _budgetGiven ? _budget : Kind != CheckKind.Trend ? FailureBudget.Default : null;
        init
        {
            _budget = value;
            _budgetGiven = true;
        }
    }

    /// <summary>The check fails once more than this many judged evaluations have failed, in a row or not; default none.</summary>
    public int? FailureLimit { get; init; }

    /// <summary>What an empty result means; default <see cref="NoDataPolicy.Inconclusive"/>.</summary>
    public NoDataPolicy NoData { get; init; } = NoDataPolicy.Inconclusive;

    /// <summary>The least evidence needed to judge; below it an evaluation is "not enough data".</summary>
    public EvidenceSettings Evidence { get; init; } = EvidenceSettings.Default;

    /// <summary>Judge each series alone (the worst decides and is named) rather than the whole result; default false.</summary>
    public bool PerSeries { get; init; }

    /// <summary>Leave out series that already existed before the deploy (the previous version); default: as <see cref="PerSeries"/>.</summary>
    public bool ReleaseSeriesOnly { get; init; }

    /// <summary>Time after the deploy before this check is first judged; default zero (the soak's warm-up applies).</summary>
    public TimeSpan WarmUp { get; init; }

    /// <summary>A series is judged only once it is this old (from its first sample); default zero.</summary>
    public TimeSpan MinSeriesAge { get; init; }

    /// <summary>
    /// <c>matchOn</c>: the labels on which a series is paired with its instance, its limit or capacity, and its evidence;
    /// null (the default) for the release section's rule (<c>release.matchOn</c>, else the instance label and the scope
    /// labels), or without a release section every shared label but the target labels.
    /// </summary>
    public IReadOnlyList<string>? MatchOn { get; init; }

    /// <summary>Compare with the same query before the deploy; null when not asked for.</summary>
    public BaselineSettings? Baseline { get; init; }

    /// <summary>A trend check's settings (<see cref="TrendRule"/>); null for the other kinds.</summary>
    public TrendSettings? Trend => (Rule as TrendRule)?.Settings;

    /// <summary>A redundancy check's settings (<see cref="RedundancyRule"/>); null for the other kinds.</summary>
    public RedundancySettings? Redundancy => (Rule as RedundancyRule)?.Settings;

    /// <summary>Whether a failure blocks the release; default <see cref="CheckSeverity.Fail"/>.</summary>
    public CheckSeverity Severity { get; init; } = CheckSeverity.Fail;

    /// <summary>
    /// <c>runbook</c>: what to do when the check fails, an http(s) address that may hold <c>${variables}</c>; sent as
    /// the alert's <c>runbook_url</c> and linked from chat messages. Default none.
    /// </summary>
    public string? Runbook { get; init; }

    /// <summary><c>dashboard</c>: where the check's metric can be seen, as <see cref="Runbook"/>; the alert's <c>dashboard_url</c>. Default none.</summary>
    public string? Dashboard { get; init; }

    /// <summary>
    /// The query each series is paired with for its bound, with its key: a trend's <c>trend.limitQuery</c> or a
    /// redundancy check's <c>redundancy.capacityQuery</c>; null when the check has none.
    /// </summary>
    public (string Key, string Query)? LimitQuery => Rule switch
    {
        TrendRule { Settings.LimitQuery: { } limit } => ("trend.limitQuery", limit),
        RedundancyRule { Settings.CapacityQuery: { } capacity } => ("redundancy.capacityQuery", capacity),
        _ => null,
    };

    /// <summary>Every query of the check with its key: <c>query</c>, <c>evidence.query</c>, then <see cref="LimitQuery"/>. The one list.</summary>
    public IEnumerable<(string Key, string Query)> Queries()
    {
        yield return ("query", Query);
        if (Evidence.Query is { } evidence)
        {
            yield return ("evidence.query", evidence);
        }

        if (LimitQuery is { } limit)
        {
            yield return limit;
        }
    }

    /// <summary>Where the check stands in the checklist file.</summary>
    public SourceLocation Location { get; init; }

    private readonly FailureBudget? _budget;
    private readonly bool _budgetGiven;
}

/// <summary>How a check judges its values.</summary>
public enum CheckKind
{
    /// <summary>The value at each evaluation is compared with min and max (and a baseline, if any).</summary>
    Threshold,

    /// <summary>A growing resource: the projected time until it reaches its limit is compared with a horizon.</summary>
    Trend,

    /// <summary>
    /// A fleet's spare capacity: with one series of load per instance and each instance's capacity, whether the
    /// survivors would stay under a utilization if the busiest instances were lost and their load spread over the others.
    /// </summary>
    Redundancy,
}

/// <summary>What a check's failure does to the release.</summary>
public enum CheckSeverity
{
    /// <summary>A failure fails the verdict, stops the soak and calls the rollback.</summary>
    Fail,

    /// <summary>
    /// The check is judged and reported (its outcome can be failed), but it never changes the verdict, never stops or
    /// extends the soak and never calls the rollback: a new check can be tried out without blocking releases.
    /// </summary>
    Warn,
}

/// <summary>What an empty result means for a check.</summary>
public enum NoDataPolicy
{
    /// <summary>No data is not a pass: at the end of the soak the check is inconclusive.</summary>
    Inconclusive,

    /// <summary>No data counts as a failing evaluation.</summary>
    Fail,

    /// <summary>No data counts as a passing evaluation (e.g. "no error series means no errors").</summary>
    Pass,
}

/// <summary>Absolute bounds in base units; either may be absent.</summary>
public sealed record Threshold(double? Min, double? Max)
{
    public static Threshold None { get; } = new(null, null);
}

/// <summary>The least evidence a check needs before its values are judged.</summary>
/// <param name="MinSamples">Evaluations with data needed before the check can pass; default 1.</param>
/// <param name="Query">A query giving the amount of evidence behind a value (e.g. requests behind an error ratio).</param>
/// <param name="Min">The least value of <paramref name="Query"/> that is enough to judge.</param>
public sealed record EvidenceSettings(int MinSamples, string? Query, double? Min)
{
    public static EvidenceSettings Default { get; } = new(ChecklistDefaults.MinSamples, null, null);
}

/// <summary>How far the values may exceed their level before the deploy. A value fails only beyond every bound given.</summary>
/// <param name="Window">The window before the deploy that gives the baseline; default 1 hour.</param>
/// <param name="MaxFactor">The value may be up to this many times the baseline.</param>
/// <param name="MaxIncrease">The value may be up to this much (base units) above the baseline.</param>
public sealed record BaselineSettings(TimeSpan Window, double? MaxFactor, double? MaxIncrease);

/// <summary>Settings of a trend check.</summary>
/// <param name="Limit">A fixed limit in base units, when there is no limit query.</param>
/// <param name="LimitQuery">A query giving each series' limit (e.g. <c>kube_pod_container_resource_limits</c>), matched on shared labels.</param>
/// <param name="Horizon">Fail when the limit would be reached within this time; default 24 hours.</param>
/// <param name="Window">How far back the history is read (each pod from its start, at most this plus <paramref name="FloorWindow"/>); default 30 minutes.</param>
/// <param name="FloorWindow">The recent stretch whose highest sample is the current peak projected to the limit (longer than one collection cycle); default 5 minutes.</param>
/// <param name="Resolution">The step of the samples fitted; default 15 seconds.</param>
public sealed record TrendSettings(double? Limit, string? LimitQuery, TimeSpan Horizon, TimeSpan Window, TimeSpan FloorWindow, TimeSpan Resolution)
{
    /// <summary>How the fleet forecast projects the instances' limits one after another (<c>trend.fleet</c>).</summary>
    public FleetForecastSettings Fleet { get; init; } = FleetForecastSettings.Default;
}

/// <summary>Settings of a trend check's fleet forecast (<c>trend.fleet</c>).</summary>
/// <param name="GrowsWithLoad">Whether the growth follows the requests served, so survivors that take a lost instance's traffic grow faster; null: yes for bytes (memory), no otherwise.</param>
/// <param name="Downtime">
/// How long an instance that reaches its limit is out (killed, restarting, in crash-loop back-off) while the others
/// carry its traffic; null (the default): the worst case, it is not back in time to take its share again.
/// </param>
public sealed record FleetForecastSettings(bool? GrowsWithLoad, TimeSpan? Downtime)
{
    public static FleetForecastSettings Default { get; } = new(null, null);

    /// <summary>Whether the growth follows the load for a check written in <paramref name="unit"/>.</summary>
    public bool GrowsWithLoadFor(QuantityUnit unit) => GrowsWithLoad ?? unit == QuantityUnit.Bytes;
}

/// <summary>Settings of a redundancy check.</summary>
/// <param name="Capacity">A fixed capacity per instance in the load's unit (e.g. 1 core), when there is no capacity query.</param>
/// <param name="CapacityQuery">A query giving each instance's capacity (e.g. <c>kube_pod_container_resource_limits{resource="cpu"}</c>), matched on shared labels.</param>
/// <param name="Spare">How many instances the fleet must be able to lose: the busiest ones; default 1.</param>
/// <param name="MaxUtilization">The most of its capacity a survivor may need; default 90 %.</param>
/// <param name="WarmUp">How long the number of instances must have been stable before the fleet is judged (a rollout still adding instances is not); default 3 minutes.</param>
public sealed record RedundancySettings(double? Capacity, string? CapacityQuery, int Spare, double MaxUtilization, TimeSpan WarmUp);
