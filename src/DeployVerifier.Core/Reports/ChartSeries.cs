using DeployVerifier.Evaluation;
using DeployVerifier.Metrics;

namespace DeployVerifier.Reports;

/// <summary>
/// One line of a check's chart: a series' judged value at each evaluation (for a trend check, its recent peak),
/// in time order. Non-finite values are left out; <c>Index</c> is the evaluation's, so a gap can break the line.
/// </summary>
/// <param name="Name">The series for people: its pod, else its labels.</param>
/// <param name="Colour">Its colour, from a colour-blind-safe palette.</param>
/// <param name="Points">Its values, in time order.</param>
/// <param name="Deciding">The series that decided the check (named in its reason).</param>
internal sealed record ChartSeries(string Name, string Colour, IReadOnlyList<(int Index, DateTimeOffset Time, double Value)> Points, bool Deciding)
{
    /// <summary>The most lines one chart draws; more would be a smudge, and the deciding and worst come first.</summary>
    public const int MaxDrawn = 40;

    /// <summary>Okabe–Ito, told apart with any colour vision; the yellow last, as it is faint on white.</summary>
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#4D4D4D", "#F0E442"];

    /// <summary>Every series of the check, the deciding one first, then the rest from nearest their bound to farthest.</summary>
    /// <param name="result">The check's result.</param>
    /// <param name="colours">The report's colours by series name, shared by every chart so a pod keeps its colour; filled as new names come.</param>
    public static IReadOnlyList<ChartSeries> From(CheckResult result, Dictionary<string, string>? colours = null)
    {
        colours ??= [];
        var points = new Dictionary<Labels, List<(int, DateTimeOffset, double)>>();
        for (var index = 0; index < result.Evaluations.Count; index++)
        {
            var evaluation = result.Evaluations[index];
            var values = evaluation.SeriesValues
                ?? (evaluation is { Value: { } single, Series: { } series } ? [new(series, single)] : []);
            foreach (var (labels, value) in values.Where(v => double.IsFinite(v.Value)))
            {
                if (!points.TryGetValue(labels, out var list))
                {
                    points[labels] = list = [];
                }

                list.Add((index, evaluation.Time, value));
            }
        }

        var deciding = result.Deciding?.Series;
        var lowerIsWorse = result.Check.Threshold is { Max: null, Min: not null };
        var ordered = points
            .OrderByDescending(p => p.Key.Equals(deciding))
            .ThenByDescending(p => lowerIsWorse ? -p.Value.Min(v => v.Item3) : p.Value.Max(v => v.Item3))
            .ToList();
        var names = ordered.Select(p => p.Key.DisplayName).ToList();
        return ordered
            .Select((p, i) =>
            {
                var name = names.Count(n => n == names[i]) > 1 ? p.Key.ToString() : names[i];
                if (!colours.TryGetValue(name, out var colour))
                {
                    colours[name] = colour = Palette[colours.Count % Palette.Length];
                }

                return new ChartSeries(name, colour, p.Value, p.Key.Equals(deciding));
            })
            .ToList();
    }
}
