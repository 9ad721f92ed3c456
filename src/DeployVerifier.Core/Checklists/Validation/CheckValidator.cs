using DeployVerifier.Checklists.Document;
using DeployVerifier.Quantities;
using DeployVerifier.Queries;

namespace DeployVerifier.Checklists.Validation;

/// <summary>The <c>checks</c> section: each check, its kind, unit, failing rules and links; unique names.</summary>
internal sealed class CheckValidator(ScalarReader read)
{
    private readonly CheckPartsValidator _parts = new(read);
    private readonly TrendValidator _trend = new(read);
    private readonly RedundancyValidator _redundancy = new(read);

    public List<CheckDefinition> ValidateAll(ChecklistDocument document, Dictionary<string, string?> vars)
    {
        var checks = new List<CheckDefinition>();
        if (document.Checks is not { Count: > 0 } documents)
        {
            if (document.Checks is not null || !read.HasErrorAt(document.ChecksLocation))
            {
                read.Error("checks: a checklist needs at least one check", document.ChecksLocation);
            }

            return checks;
        }

        var names = new Dictionary<string, DocumentScalar>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in documents)
        {
            if (c.Name is { } name && !names.TryAdd(name.Value, name))
            {
                read.Error($"{c.Path}.name: '{name.Value}' is already the name of the check at line {names[name.Value].Location.Line}; "
                    + "names must be unique", name.Location);
            }

            if (ValidateCheck(c, vars) is { } check)
            {
                checks.Add(check);
            }
        }

        return checks;
    }

    private CheckDefinition? ValidateCheck(CheckDocument c, Dictionary<string, string?> vars)
    {
        var count = read.ErrorCount;
        if (c.Name is null)
        {
            read.Error($"{c.Path}: name is required", c.Location);
        }
        else if (string.IsNullOrWhiteSpace(c.Name.Value))
        {
            read.Error($"{c.Path}.name: must not be empty", c.Name.Location);
        }

        if (c.Query is null || string.IsNullOrWhiteSpace(c.Query.Value))
        {
            read.Error($"{c.Path}: query is required", c.Query?.Location ?? c.Location);
        }

        var kind = read.Choice(c.Type, $"{c.Path}.type", CheckKind.Threshold, ("threshold", CheckKind.Threshold), ("trend", CheckKind.Trend),
            ("redundancy", CheckKind.Redundancy));
        var severity = read.Choice(c.Severity, $"{c.Path}.severity", CheckSeverity.Fail, ("fail", CheckSeverity.Fail), ("warn", CheckSeverity.Warn));
        var noData = read.Choice(c.NoData, $"{c.Path}.noData", NoDataPolicy.Inconclusive,
            ("inconclusive", NoDataPolicy.Inconclusive), ("fail", NoDataPolicy.Fail), ("pass", NoDataPolicy.Pass));
        var explicitUnit = c.Unit is null
            ? (QuantityUnit?)null
            : read.Choice(c.Unit, $"{c.Path}.unit", QuantityUnit.Number,
                ("number", QuantityUnit.Number), ("ratio", QuantityUnit.Ratio), ("bytes", QuantityUnit.Bytes), ("seconds", QuantityUnit.Seconds));

        var valueKind = KindOf(explicitUnit);
        var min = read.QuantityValue(c.Min, $"{c.Path}.min", valueKind);
        var max = read.QuantityValue(c.Max, $"{c.Path}.max", valueKind);
        if (min is { } low && max is { } high && low.Value > high.Value)
        {
            read.Error($"{c.Path}.min: {c.Min!.Value} is greater than max ({c.Max!.Value})", c.Min.Location);
        }

        if (kind == CheckKind.Threshold && c.Min is null && c.Max is null)
        {
            read.Error($"{c.Path}: a threshold check needs min, max or both", c.Location);
        }

        if (kind == CheckKind.Trend && (c.Min ?? c.Max) is { } bound)
        {
            read.Error($"{c.Path}: min and max are not used by a trend check; give trend.limit or trend.limitQuery", bound.Location);
        }

        if (kind == CheckKind.Redundancy && (c.Min ?? c.Max) is { } redundancyBound)
        {
            read.Error($"{c.Path}: min and max are not used by a redundancy check; give redundancy.maxUtilization", redundancyBound.Location);
        }

        var tolerance = read.Integer(c.Tolerance, $"{c.Path}.tolerance", ChecklistDefaults.Tolerance, 0);
        var budget = _parts.Budget(c.Budget, $"{c.Path}.budget", kind);
        int? failureLimit = c.FailureLimit is null ? null : read.Integer(c.FailureLimit, $"{c.Path}.failureLimit", 0, 0);
        var perSeries = read.Boolean(c.PerSeries, $"{c.Path}.perSeries", false);
        var releaseSeriesOnly = read.Boolean(c.ReleaseSeriesOnly, $"{c.Path}.releaseSeriesOnly", perSeries || kind == CheckKind.Redundancy);
        var warmUp = read.Duration(c.WarmUp, $"{c.Path}.warmUp", TimeSpan.Zero);
        var minSeriesAge = read.Duration(c.MinSeriesAge, $"{c.Path}.minSeriesAge", TimeSpan.Zero);
        var matchOn = read.LabelList(c.MatchOn, $"{c.Path}.matchOn");
        var evidence = _parts.Evidence(c.Evidence, $"{c.Path}.evidence");
        var (baseline, maxIncrease) = _parts.Baseline(c.Baseline, $"{c.Path}.baseline", valueKind);
        var (trend, limit) = _trend.Validate(c, kind, explicitUnit is null ? QuantityKind.Bytes : valueKind);
        var runbook = read.Link(c.Runbook, $"{c.Path}.runbook", vars.Keys);
        var dashboard = read.Link(c.Dashboard, $"{c.Path}.dashboard", vars.Keys);

        var redundancy = _redundancy.Validate(c, kind, perSeries);
        var unit = kind == CheckKind.Redundancy
            ? QuantityUnit.Ratio
            : ValidateUnits(c.Path, explicitUnit, [(c.Min, min), (c.Max, max), (c.Trend?.Limit, limit), (c.Baseline?.MaxIncrease, maxIncrease)]);
        if (kind == CheckKind.Redundancy && explicitUnit is { } given && given != QuantityUnit.Ratio)
        {
            read.Error($"{c.Path}.unit: a redundancy check judges utilizations, which are ratios; leave unit out", c.Unit!.Location);
        }

        if (kind == CheckKind.Trend && c.Query is { } trendQuery && QueryTemplate.Find(trendQuery.Value).Any(u => u.Name == BuiltInVariables.SinceDeploy))
        {
            read.Error($"{c.Path}.query: a trend check fits a history, which ${{sinceDeploy}} (different at every evaluation) can't give; use a plain selector",
                trendQuery.Location);
        }

        foreach (var (key, query) in c.Queries().Skip(1))
        {
            if (query is not null && string.IsNullOrWhiteSpace(query.Value))
            {
                read.Error($"{c.Path}.{key}: must not be empty; give a query or leave the key out", query.Location);
            }
        }

        foreach (var (key, query) in c.Queries())
        {
            if (query is not null)
            {
                var known = vars.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
                foreach (var error in QueryVariables.CheckUses(query.Value, $"{c.Path}.{key}", query.Location, known, vars.Keys))
                {
                    read.Add(error);
                }
            }
        }

        if (read.ErrorCount != count)
        {
            return null;
        }

        return new CheckDefinition
        {
            Name = c.Name!.Value,
            Query = c.Query!.Value,
            Rule = kind switch
            {
                CheckKind.Trend => new TrendRule(trend!),
                CheckKind.Redundancy => new RedundancyRule(redundancy!),
                _ => new ThresholdRule(new Threshold(min?.Value, max?.Value)),
            },
            Unit = unit,
            Tolerance = tolerance,
            Budget = budget,
            FailureLimit = failureLimit,
            NoData = noData,
            Evidence = evidence,
            PerSeries = perSeries,
            ReleaseSeriesOnly = releaseSeriesOnly,
            WarmUp = warmUp,
            MinSeriesAge = minSeriesAge,
            MatchOn = matchOn,
            Baseline = baseline,
            Severity = severity,
            Runbook = runbook,
            Dashboard = dashboard,
            Location = c.Location,
        };
    }

    /// <summary>${release} and ${releaseInstances} have values only when the checklist says how to find the release.</summary>
    public void RequireReleaseSection(CheckDocument c)
    {
        foreach (var (key, query) in c.Queries())
        {
            foreach (var name in QueryTemplate.Find(query?.Value ?? "").Select(u => u.Name)
                .Where(n => n is BuiltInVariables.Release or BuiltInVariables.ReleaseInstances).Distinct())
            {
                read.Error($"{c.Path}.{key}: '${{{name}}}' needs a release section that says how to find the release (release.releases, release.instances)",
                    query!.Location);
            }
        }
    }

    private QuantityUnit ValidateUnits(string path, QuantityUnit? explicitUnit, (DocumentScalar? Scalar, Quantity? Value)[] quantities)
    {
        var withUnit = quantities
            .Where(q => q.Scalar is not null && q.Value is { Unit: not QuantityUnit.Number })
            .Select(q => (q.Scalar!, q.Value!.Value.Unit))
            .ToList();
        var unit = explicitUnit ?? (withUnit.Count > 0 ? withUnit[0].Unit : QuantityUnit.Number);
        var reference = explicitUnit is null && withUnit.Count > 0 ? $"'{withUnit[0].Item1.Value}' is in" : "the check's unit is";
        foreach (var (scalar, other) in withUnit.Where(q => q.Unit != unit))
        {
            read.Error($"{path}: '{scalar.Value}' is in {Name(other)} but {reference} {Name(unit)}; a check's values have one unit", scalar.Location);
        }

        return unit;
    }

    /// <summary>What the check's values hold, from its <c>unit:</c>; <see cref="QuantityKind.Any"/> without one.</summary>
    internal static QuantityKind KindOf(QuantityUnit? unit) => unit switch
    {
        QuantityUnit.Number => QuantityKind.Number,
        QuantityUnit.Ratio => QuantityKind.Ratio,
        QuantityUnit.Bytes => QuantityKind.Bytes,
        QuantityUnit.Seconds => QuantityKind.Seconds,
        _ => QuantityKind.Any,
    };

    private static string Name(QuantityUnit unit) => unit.ToString().ToLowerInvariant();
}
