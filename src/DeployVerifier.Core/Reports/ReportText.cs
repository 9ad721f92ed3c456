using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Quantities;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Reports;

/// <summary>Words and numbers shared by every report format, so the JSON, Markdown and console agree.</summary>
internal static class ReportText
{
    public static string Verdict(Verdict verdict) => verdict switch
    {
        Verdicts.Verdict.Passed => "passed",
        Verdicts.Verdict.Failed => "failed",
        _ => "inconclusive",
    };

    public static string Outcome(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "passed",
        CheckOutcome.Failed => "failed",
        CheckOutcome.Error => "error",
        _ => "inconclusive",
    };

    public static string Unit(QuantityUnit unit) => unit.ToString().ToLowerInvariant();

    public static string Threshold(CheckDefinition check, double? effectiveMax = null)
    {
        var parts = new List<string>();
        if (check.Kind == CheckKind.Trend && check.Trend is { } trend)
        {
            var limit = trend.Limit is { } fixedLimit ? Quantity.Format(fixedLimit, check.Unit) : "its limit";
            parts.Add($"not to reach {limit} within {PromDuration.Format(trend.Horizon)}");
        }

        if (check.Threshold.Max is { } max)
        {
            var relaxed = effectiveMax is { } e && e > max ? $" ({Quantity.Format(e, check.Unit)} after baseline)" : "";
            parts.Add($"≤ {Quantity.Format(max, check.Unit)}{relaxed}");
        }
        else if (effectiveMax is { } baselineOnly)
        {
            parts.Add($"≤ {Quantity.Format(baselineOnly, check.Unit)} (baseline)");
        }

        if (check.Threshold.Min is { } min)
        {
            parts.Add($"≥ {Quantity.Format(min, check.Unit)}");
        }

        return string.Join(", ", parts);
    }

    public static string? Value(CheckEvaluation? evaluation, QuantityUnit unit) =>
        evaluation?.Value is { } value ? Quantity.Format(value, unit) : null;

    public static string Icon(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "✅",
        CheckOutcome.Failed => "❌",
        _ => "⚠️",
    };

    public static string Icon(Verdict verdict) => verdict switch
    {
        Verdicts.Verdict.Passed => "✅",
        Verdicts.Verdict.Failed => "❌",
        _ => "⚠️",
    };

    /// <summary>"14:05:30 UTC (20 min after the deploy)".</summary>
    public static string When(DateTimeOffset time, DateTimeOffset deployedAt) =>
        $"{time.UtcDateTime:HH:mm:ss} UTC ({PromDuration.Humanize(time - deployedAt)} after the deploy)";
}
