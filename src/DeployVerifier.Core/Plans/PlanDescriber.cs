using System.Globalization;
using DeployVerifier.Analysis;
using DeployVerifier.Checklists;
using DeployVerifier.Metrics;
using DeployVerifier.Quantities;
using DeployVerifier.Releases;

namespace DeployVerifier.Plans;

/// <summary>
/// <c>plan</c>'s pure step: an effective plan (and the release found, if it was looked up) in, its
/// <see cref="PlanDescription"/> out. No store, no clock: the CLI looks the release up and passes what it found.
/// </summary>
public static class PlanDescriber
{
    /// <param name="plan">The effective plan.</param>
    /// <param name="deployedAt">The <c>--deployed-at</c> given, if any.</param>
    /// <param name="found">The release found in the store; null when not looked up or none was found.</param>
    /// <param name="releaseNote">How the lookup went (or why there was none); null for the default, "resolved at run time".</param>
    public static PlanDescription Describe(VerificationPlan plan, DateTimeOffset? deployedAt, ReleaseInfo? found = null, string? releaseNote = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lookup = plan.ReleaseLookup;
        var (anchor, anchorSource) = (lookup, found, deployedAt) switch
        {
            (_, { } judged, _) => ((DateTimeOffset?)judged.StartedAt, $"the start of release {judged.Name}"),
            (null, _, { } given) => (given, "--deployed-at"),
            (null, _, null) => (null, "the time verify starts (no release section and no --deployed-at)"),
            (_, _, { } given) => (null, $"the start of the release found at run time (the newest that started within {PromDuration.Format(ReleaseResolver.EarlyAllowance)} of --deployed-at {Rfc3339.Format(given)})"),
            _ => (null, "the start of the release found at run time (the newest that still has instances)"),
        };

        var release = lookup is null ? null : new PlanRelease(
            lookup.ReleasesQuery, lookup.Label, lookup.InstancesQuery(found?.Name ?? "${release}"), lookup.InstanceLabel, lookup.Freshness,
            PromDuration.Format(lookup.WaitFor), lookup.Pairing.Description,
            found is { } f ? new PlanFoundRelease(f.Name, f.StartedAt, f.FoundBy) : null,
            releaseNote ?? "resolved at run time: verify first waits up to waitFor for release data scraped since it began (freshness), then for the release to start");

        var soak = plan.Soak;
        var schedule = plan.Schedule(anchor ?? DateTimeOffset.UnixEpoch);
        var origin = schedule.DeployedAt;
        var rendered = plan.RenderForPlan(anchor, found?.Name);
        var checks = rendered.Select(r => Check(r, lookup, schedule)).ToList();
        return new PlanDescription(
            plan.PrometheusUrl?.ToString(),
            release,
            new PlanSchedule(anchor, anchorSource, PromDuration.Format(soak.Duration), PromDuration.Format(soak.Interval), PromDuration.Format(soak.WarmUp),
                PromDuration.Format(soak.IngestionLag), PromDuration.Format(soak.Extension), schedule.Ticks.Count, schedule.ExtensionTicks.Count,
                schedule.Ticks.Select(t => PromDuration.Format(t - origin)).ToList(), anchor is null ? [] : schedule.Ticks),
            checks);
    }

    private static PlanCheck Check(RenderedCheck rendered, ReleaseLookup? lookup, Measurements.SoakSchedule schedule)
    {
        var check = rendered.Check;
        var companions = new List<string>();
        if (lookup is not null)
        {
            companions.Add("release.instances");
        }

        companions.AddRange(rendered.Queries().Select(q => q.Role).Where(role => role != "query"));
        var pairing = SeriesPairing.For(check.MatchOn, lookup?.Pairing);
        var evaluations = schedule.Ticks.Count(t => t - schedule.DeployedAt >= check.WarmUp);
        return new PlanCheck(
            check.Name,
            Lower(check.Kind),
            Lower(check.Severity),
            Lower(check.Unit),
            rendered.Queries().Select(q => new PlanQuery(q.Role, q.Query.ToString())).ToList(),
            Bounds(check).ToList(),
            companions,
            pairing.Description,
            evaluations,
            Needs(check, evaluations).ToList());
    }

    /// <summary>What each value is held to, in the check's unit.</summary>
    internal static IEnumerable<string> Bounds(CheckDefinition check)
    {
        var unit = check.Unit;
        string Q(double value) => Quantity.Format(value, unit);
        switch (check.Rule)
        {
            case ThresholdRule { Bounds: var bounds }:
                if (bounds.Min is { } min)
                {
                    yield return $"min {Q(min)}";
                }

                if (bounds.Max is { } max)
                {
                    yield return $"max {Q(max)}";
                }

                if (bounds.Min is null && bounds.Max is null && check.Baseline is null)
                {
                    yield return "none (no min, max or baseline: every value passes)";
                }

                break;
            case TrendRule { Settings: var trend }:
                var limit = trend.Limit is { } fixedLimit ? Q(fixedLimit) : "each series' trend.limitQuery";
                yield return $"the projected time to reach {limit} must exceed trend.horizon {PromDuration.Format(trend.Horizon)}";
                break;
            case RedundancyRule { Settings: var redundancy }:
                var capacity = redundancy.Capacity is { } fixedCapacity ? $"capacity {Q(fixedCapacity)} each" : "each instance's redundancy.capacityQuery";
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"with the {redundancy.Spare} busiest instance(s) lost, each survivor at most {Quantity.Format(redundancy.MaxUtilization, QuantityUnit.Ratio)} of {capacity}");
                break;
        }

        if (check.Baseline is { } baseline)
        {
            var parts = new List<string>();
            if (baseline.MaxFactor is { } factor)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{factor:G6} × L"));
            }

            if (baseline.MaxIncrease is { } increase)
            {
                parts.Add($"L + {Q(increase)}");
            }

            yield return $"baseline: the level L over the {PromDuration.Format(baseline.Window)} before the deploy; fails only above {string.Join(" and ", parts)}";
        }
    }

    /// <summary>What the check needs to be judged, and what fails it.</summary>
    internal static IEnumerable<string> Needs(CheckDefinition check, int evaluations)
    {
        var warmUp = check.WarmUp > TimeSpan.Zero ? $" (warmUp {PromDuration.Format(check.WarmUp)})" : string.Empty;
        yield return string.Create(CultureInfo.InvariantCulture, $"judged at {evaluations} evaluation(s){warmUp}; data at {check.Evidence.MinSamples} or more of them to pass (evidence.minSamples)");
        if (check.Evidence is { Query: not null } evidence)
        {
            yield return evidence.Min is { } least
                ? string.Create(CultureInfo.InvariantCulture, $"evidence: a value counts only where evidence.query is at least {least:G6}")
                : "evidence: a value counts only where evidence.query has a value";
        }

        if (check.MinSeriesAge > TimeSpan.Zero)
        {
            yield return $"a series is judged once it is {PromDuration.Format(check.MinSeriesAge)} old";
        }

        if (check.Trend is not null)
        {
            yield return $"a trend needs {PromDuration.Format(check.MinSeriesAge + TrendAnalysis.MinSpan)} of history per series";
        }

        if (check.PerSeries)
        {
            yield return "each series is judged alone; the worst decides";
        }

        if (check.ReleaseSeriesOnly)
        {
            yield return "series that existed before the deploy are left out";
        }

        yield return check.NoData switch
        {
            NoDataPolicy.Fail => "no data: a failing evaluation",
            NoDataPolicy.Pass => "no data: a passing evaluation",
            _ => "no data: not judged (inconclusive at the end)",
        };
        yield return string.Create(CultureInfo.InvariantCulture, $"fails after {check.Tolerance + 1} failing evaluation(s) in a row");
        if (check.Budget is { } budget)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"or when more than {Quantity.Format(budget.MaxFailingShare, QuantityUnit.Ratio)} of judged evaluations fail (once {budget.MinEvaluations} are judged)");
        }

        if (check.FailureLimit is { } limit)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"or once more than {limit} judged evaluations have failed");
        }
    }

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
