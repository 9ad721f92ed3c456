using System.Globalization;
using DeployVerifier.Quantities;

namespace DeployVerifier.Reports;

/// <summary>
/// How near one release came to a check's bound: its worst value against the bound it was held to, and its failing
/// evaluations against the tolerance. For a good release, how near it came to a false alarm; for a bad one, how far past
/// the bound it went (or how near it stayed, when the check let it through).
/// </summary>
/// <param name="Release">The release's name, as the reports show it.</param>
/// <param name="Position">Its 0-based place in the whole list (its page anchor is <c>release-{Position + 1}</c>).</param>
/// <param name="Value">The worst value, in base units; null when the check had no value to judge.</param>
/// <param name="ValueDisplay">The worst value as the release's report writes it.</param>
/// <param name="Bound">The bound nearest to it: the effective maximum (a baseline can move it), else <c>max</c>, or <c>min</c>; null without one.</param>
/// <param name="BoundDisplay">The bound in words, e.g. <c>max 500 ms</c>.</param>
/// <param name="Headroom">
/// The distance to the bound as a share of it, positive inside it and negative past it (e.g. 0.18 for 412 ms against
/// max 500 ms); null when the bound is 0 or there is no value or bound.
/// </param>
/// <param name="Margin">The distance to the bound in base units, positive inside it; null when there is no value or bound.</param>
/// <param name="FailedEvaluations">Its failing evaluations over the soak.</param>
/// <param name="Tolerance">Failing evaluations in a row the check tolerates.</param>
/// <param name="DecidedBy">The rule that failed it (<c>tolerance</c>, <c>budget</c>, <c>failureLimit</c>, <c>trend</c>, <c>noData</c>); null when it did not fail.</param>
public sealed record BacktestCloseCall(string Release, int Position, double? Value, string? ValueDisplay, double? Bound, string? BoundDisplay, double? Headroom,
    double? Margin, int FailedEvaluations, int Tolerance, string? DecidedBy)
{
    /// <summary>How the lists are ordered: nearest the bound first (a share when there is one, else the margin), then the most failing evaluations.</summary>
    internal double Nearness => Headroom ?? Margin ?? double.PositiveInfinity;

    /// <summary>"412 ms against max 500 ms: 18 % headroom; 2 failing evaluations (tolerance 4)", for the text reports.</summary>
    public string Describe()
    {
        var value = Value is null ? "no value judged"
            : BoundDisplay is null ? ValueDisplay ?? "?"
            : $"{ValueDisplay} against {BoundDisplay}: {Room()}";
        var failures = FailedEvaluations == 0 ? "no failing evaluation"
            : $"{FailedEvaluations} failing evaluation{(FailedEvaluations == 1 ? "" : "s")}";
        var rule = DecidedBy is null ? $"tolerance {Tolerance}" : $"failed by {DecidedBy}";
        return $"{value}; {failures} ({rule})";
    }

    private string Room() => Headroom is { } share
        ? share >= 0 ? $"{Percent(share)} headroom" : $"{Percent(-share)} past it"
        : Margin >= 0 ? "within it" : "past it";

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#} %");

    /// <summary>The close call of one check in one release's report; null when the release's report has no such check.</summary>
    internal static BacktestCloseCall? Of(BacktestRow row, JsonCheck check)
    {
        var unit = Enum.TryParse<QuantityUnit>(check.Unit, ignoreCase: true, out var parsed) ? parsed : QuantityUnit.Number;
        var value = check.WorstValue is { } v && double.IsFinite(v) ? v : (double?)null;
        var threshold = check.Threshold;
        var max = threshold.EffectiveMax ?? threshold.Max;
        (double Bound, string Word, double Margin)? nearest = null;
        if (value is { } worst)
        {
            var toMax = max is { } m ? (m, "max", m - worst) : ((double, string, double)?)null;
            var toMin = threshold.Min is { } n ? (n, "min", worst - n) : ((double, string, double)?)null;
            nearest = toMax is null ? toMin : toMin is null ? toMax : toMax.Value.Item3 <= toMin.Value.Item3 ? toMax : toMin;
        }

        var headroom = nearest is { } b && b.Bound != 0 ? b.Margin / Math.Abs(b.Bound) : (double?)null;
        return new BacktestCloseCall(row.Name, row.Position, value, check.WorstValueDisplay, nearest?.Bound,
            nearest is { } bound ? $"{bound.Word} {Quantity.Format(bound.Bound, unit)}" : null, headroom, nearest?.Margin, check.Counts.Failed,
            threshold.Tolerance, check.DecidedBy);
    }
}
