using DeployVerifier.Checklists.Document;
using DeployVerifier.Quantities;

namespace DeployVerifier.Checklists.Validation;

/// <summary>A check's <c>budget</c>, <c>evidence</c> and <c>baseline</c>.</summary>
internal sealed class CheckPartsValidator(ScalarReader read)
{
    /// <summary>A threshold or redundancy check has the default budget unless it gives one; a trend check has none unless it gives one.</summary>
    public FailureBudget? Budget(BudgetDocument? b, string path, CheckKind kind)
    {
        if (b is null)
        {
            return kind != CheckKind.Trend ? FailureBudget.Default : null;
        }

        var share = ChecklistDefaults.BudgetMaxFailingShare;
        if (read.QuantityValue(b.MaxFailingShare, $"{path}.maxFailingShare", QuantityKind.Ratio, (given, text) =>
            given.Unit is QuantityUnit.Ratio or QuantityUnit.Number && given.Value is >= 0 and <= 1 ? null : $"'{text}' is not a share; give 0% to 100% (or 0 to 1), e.g. 50%")
            is { } given)
        {
            share = given.Value;
        }

        var least = read.Integer(b.MinEvaluations, $"{path}.minEvaluations", ChecklistDefaults.BudgetMinEvaluations, 1);
        return new FailureBudget(share, least);
    }

    public EvidenceSettings Evidence(EvidenceDocument? e, string path)
    {
        if (e is null)
        {
            return EvidenceSettings.Default;
        }

        var minSamples = read.Integer(e.MinSamples, $"{path}.minSamples", ChecklistDefaults.MinSamples, 1);
        var min = read.QuantityValue(e.Min, $"{path}.min");
        if ((e.Query is null) != (e.Min is null))
        {
            read.Error($"{path}: query and min go together (the least value of the query that is enough to judge)", (e.Query ?? e.Min)!.Location);
        }

        return new EvidenceSettings(minSamples, e.Query?.Value, min?.Value);
    }

    /// <param name="b">The section.</param>
    /// <param name="path">Where it is, for messages.</param>
    /// <param name="kind">What the check's values hold (its <c>unit:</c>), which <c>maxIncrease</c> is in.</param>
    public (BaselineSettings?, Quantity?) Baseline(BaselineDocument? b, string path, QuantityKind kind)
    {
        if (b is null)
        {
            return (null, null);
        }

        var window = read.Duration(b.Window, $"{path}.window", ChecklistDefaults.BaselineWindow, positive: true);
        var factor = read.QuantityValue(b.MaxFactor, $"{path}.maxFactor", QuantityKind.Number, (f, text) =>
            f.Unit != QuantityUnit.Number || f.Value <= 0 ? $"'{text}' must be a plain number above 0, e.g. 2" : null);
        var increase = read.QuantityValue(b.MaxIncrease, $"{path}.maxIncrease", kind, (i, text) => i.Value < 0 ? $"'{text}' is negative" : null);

        if (b.MaxFactor is null && b.MaxIncrease is null)
        {
            read.Error($"{path}: needs maxFactor, maxIncrease or both", b.Location);
        }

        return (new BaselineSettings(window, factor?.Value, increase?.Value), increase);
    }
}
