using DeployVerifier.Checklists.Document;
using DeployVerifier.Quantities;

namespace DeployVerifier.Checklists.Validation;

/// <summary>A redundancy check's <c>redundancy</c>: capacity, spare instances and the utilization bound.</summary>
internal sealed class RedundancyValidator(ScalarReader read)
{
    /// <summary>A redundancy check judges the fleet as a whole, from one load series per instance and each one's capacity.</summary>
    public RedundancySettings? Validate(CheckDocument c, CheckKind kind, bool perSeries)
    {
        var path = $"{c.Path}.redundancy";
        if (c.Redundancy is not { } r)
        {
            if (kind == CheckKind.Redundancy)
            {
                read.Error($"{c.Path}: a redundancy check needs redundancy.capacity or redundancy.capacityQuery", c.Type?.Location ?? c.Location);
            }

            return null;
        }

        if (kind != CheckKind.Redundancy)
        {
            read.Error($"{path}: redundancy settings need 'type: redundancy'", r.Location);
            return null;
        }

        if (perSeries)
        {
            read.Error($"{c.Path}.perSeries: a redundancy check judges the whole fleet at once; leave perSeries out", c.PerSeries!.Location);
        }

        if (c.Baseline is { } baseline)
        {
            read.Error($"{c.Path}.baseline: a redundancy check has no baseline", baseline.Location);
        }

        if (c.Evidence?.Query is { } evidence)
        {
            read.Error($"{c.Path}.evidence.query: a redundancy check takes no evidence query", evidence.Location);
        }

        var capacity = read.QuantityValue(r.Capacity, $"{path}.capacity", QuantityKind.Cpu, (c, text) => c.Value <= 0 ? $"'{text}' must be above 0" : null);

        if (r.Capacity is null && r.CapacityQuery is null)
        {
            read.Error($"{path}: needs capacity or capacityQuery", r.Location);
        }
        else if (r.Capacity is not null && r.CapacityQuery is not null)
        {
            read.Error($"{path}: give capacity or capacityQuery, not both", r.CapacityQuery.Location);
        }

        var share = ChecklistDefaults.RedundancyMaxUtilization;
        if (read.QuantityValue(r.MaxUtilization, $"{path}.maxUtilization", QuantityKind.Ratio, (given, text) =>
            given.Unit is QuantityUnit.Ratio or QuantityUnit.Number && given.Value > 0 ? null : $"'{text}' is not a utilization; give a share above 0, e.g. 90%")
            is { } utilization)
        {
            share = utilization.Value;
        }

        return new RedundancySettings(
            capacity?.Value,
            r.CapacityQuery?.Value,
            read.Integer(r.Spare, $"{path}.spare", ChecklistDefaults.RedundancySpare, 1),
            share,
            read.Duration(r.WarmUp, $"{path}.warmUp", ChecklistDefaults.RedundancyWarmUp));
    }
}
