using System.Text;
using DeployVerifier.Evaluation;
using DeployVerifier.Quantities;
using DeployVerifier.Soak;
using static DeployVerifier.Reports.HtmlText;

namespace DeployVerifier.Reports;

/// <summary>
/// One check's chart as inline SVG: each series over the soak, the bounds, the deploy and the decision, and for a
/// trend check the limit and the forecast from the current level to it. Pure: markup out, styled by the page's CSS.
/// </summary>
internal static class SvgChart
{
    private const double Width = 960;
    private const double Height = 360;
    private const double Left = 84;
    private const double Right = 28;
    private const double Top = 34;
    private const double Bottom = 56;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;

    /// <summary>The forecast worth drawing: the deciding evaluation's (<see cref="CheckResult.DecidingForecast"/>).</summary>
    public static (CheckEvaluation Evaluation, Forecast Forecast)? ForecastOf(CheckResult result) =>
        result.DecidingForecast is { } forecast ? (result.Worst!, forecast) : null;

    /// <summary>
    /// Where a chart's time axis ends: the soak's end, or a little past the last evaluation when the soak stopped early,
    /// stretched to where the forecast reaches the limit when that is within another soak's length.
    /// </summary>
    public static DateTimeOffset EndOf(CheckResult result, SoakOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(outcome);
        var schedule = outcome.Schedule;
        var forecast = ForecastOf(result);
        var soak = schedule.End - schedule.DeployedAt;
        var lastSeen = new[] { outcome.DecidedAt, result.Evaluations.Count > 0 ? result.Evaluations[^1].Time : null }.Max() ?? schedule.End;
        var end = lastSeen >= schedule.End
            ? lastSeen
            : new[] { lastSeen + new[] { soak * 0.1, schedule.Interval * 4, (lastSeen - schedule.DeployedAt) * 0.25 }.Max(), schedule.End }.Min();
        DateTimeOffset? reaches = forecast is { } f ? f.Forecast.ReachesAt(f.Evaluation.Time) : null;
        var fleetDown = forecast?.Forecast.Fleet?.LastInstanceAt;
        var latest = new[] { reaches, fleetDown }.Max();
        return latest is { } at && at > end && at - schedule.End <= soak ? at : end;
    }

    /// <param name="result">The check's result.</param>
    /// <param name="series">Its series, in drawing order.</param>
    /// <param name="outcome">The soak's outcome.</param>
    /// <param name="sharedEnd">Where the time axis ends, the same for every chart of a page; null computes this chart's own.</param>
    public static string Write(CheckResult result, IReadOnlyList<ChartSeries> series, SoakOutcome outcome, DateTimeOffset? sharedEnd = null)
    {
        var check = result.Check;
        var unit = check.Unit;
        var schedule = outcome.Schedule;
        var forecast = ForecastOf(result);
        var effectiveMax = result.EffectiveMax;
        var drawn = series.Take(ChartSeries.MaxDrawn).ToList();
        if (drawn.Count == 0)
        {
            // Nothing to draw: say so, rather than an axis of made-up values.
            var why = result.Evaluations.Count == 0 ? "not evaluated" : "no data: " + result.Evaluations[^1].Reason;
            return $"<svg class=\"chart\" viewBox=\"0 0 {Number(Width)} 90\" role=\"img\" aria-label=\"{Escape(check.Name)}: no data\">"
                + $"<rect class=\"plot\" x=\"{Number(Left)}\" y=\"10\" width=\"{Number(PlotWidth)}\" height=\"70\"/>"
                + $"<text class=\"empty\" x=\"{Number(Left + PlotWidth / 2)}\" y=\"50\" text-anchor=\"middle\">{Escape(why)}</text></svg>";
        }

        var end = sharedEnd ?? EndOf(result, outcome);
        var start = schedule.DeployedAt - (end - schedule.DeployedAt) * 0.03;
        end += (end - schedule.DeployedAt) * 0.03;

        // Values: from zero (or below) to the highest value or bound, so the headroom to a bound is seen to scale.
        var values = drawn.SelectMany(s => s.Points.Select(p => p.Value))
            .Concat(new[] { check.Threshold.Max, check.Threshold.Min, effectiveMax, forecast?.Forecast.Limit, forecast?.Forecast.Level }
                .OfType<double>().Where(double.IsFinite))
            .ToList();
        var low = Math.Min(0, values.DefaultIfEmpty(0).Min());
        var high = values.DefaultIfEmpty(0).Max();
        if (high <= low)
        {
            high = low + (unit == QuantityUnit.Ratio ? 0.01 : 1);
        }

        var step = ChartTicks.Step((high - low) * 1.05, unit);
        if (unit == QuantityUnit.Number && values.All(v => v == Math.Floor(v)))
        {
            // Counts (restarts) get whole-number ticks: "0.5 restarts" is no value a count can take.
            step = Math.Max(1, Math.Ceiling(step));
        }

        low = Math.Floor(low / step) * step;
        high = Math.Ceiling(high * 1.05 / step) * step;

        double X(DateTimeOffset time) => Left + (time - start) / (end - start) * PlotWidth;
        double Y(double value) => Top + (high - value) / (high - low) * PlotHeight;

        var svg = new StringBuilder();
        svg.Append($"<svg class=\"chart\" viewBox=\"0 0 {Number(Width)} {Number(Height)}\" role=\"img\" aria-label=\"{Escape(check.Name)} over the soak\">");
        svg.Append($"<title>{Escape(check.Name)}: {Escape(ReportText.Outcome(result.Outcome))}</title>");
        svg.Append($"<rect class=\"plot\" x=\"{Number(Left)}\" y=\"{Number(Top)}\" width=\"{Number(PlotWidth)}\" height=\"{Number(PlotHeight)}\"/>");

        foreach (var tick in ChartTicks.Values(low, high, step))
        {
            var y = Number(Y(tick));
            svg.Append($"<line class=\"grid\" x1=\"{Number(Left)}\" x2=\"{Number(Left + PlotWidth)}\" y1=\"{y}\" y2=\"{y}\"/>");
            svg.Append($"<text class=\"axis\" x=\"{Number(Left - 8)}\" y=\"{y}\" dy=\"0.32em\" text-anchor=\"end\">{Escape(Quantity.Format(tick, unit))}</text>");
        }

        foreach (var tick in ChartTicks.Times(start, end, ChartTicks.TimeStep(end - start)))
        {
            var x = Number(X(tick));
            svg.Append($"<line class=\"grid\" x1=\"{x}\" x2=\"{x}\" y1=\"{Number(Top)}\" y2=\"{Number(Top + PlotHeight)}\"/>");
            svg.Append($"<text class=\"axis\" x=\"{x}\" y=\"{Number(Top + PlotHeight + 30)}\" text-anchor=\"middle\">{tick.UtcDateTime:HH:mm}</text>");
        }

        svg.Append($"<text class=\"axis\" x=\"{Number(Left + PlotWidth)}\" y=\"{Number(Height - 4)}\" text-anchor=\"end\">time (UTC)</text>");

        if (result.FirstFailureAt is { } failing)
        {
            var until = outcome.DecidedAt ?? result.Evaluations[^1].Time;
            svg.Append($"<rect class=\"failing\" x=\"{Number(X(failing))}\" y=\"{Number(Top)}\" width=\"{Number(Math.Max(2, X(until) - X(failing)))}\" height=\"{Number(PlotHeight)}\">"
                + $"<title>failing since {Clock(failing)}</title></rect>");
        }

        OutcomeStrip(svg, result, X);

        void Horizontal(string kind, double value, string label, bool above = true)
        {
            var y = Y(value);
            svg.Append($"<line class=\"{kind}\" data-value=\"{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}\" x1=\"{Number(Left)}\" x2=\"{Number(Left + PlotWidth)}\" y1=\"{Number(y)}\" y2=\"{Number(y)}\"/>");
            svg.Append($"<text class=\"{kind}-label halo\" x=\"{Number(Left + 6)}\" y=\"{Number(above ? y - 6 : y + 15)}\">{Escape(label)}</text>");
        }

        if (check.Threshold.Max is { } max)
        {
            Horizontal("threshold", max, $"max {Quantity.Format(max, unit)}", above: !(effectiveMax > max));
        }

        if (effectiveMax is { } relaxed && relaxed != check.Threshold.Max)
        {
            Horizontal("threshold effective", relaxed, $"max after baseline {Quantity.Format(relaxed, unit)}");
        }

        if (check.Threshold.Min is { } min)
        {
            Horizontal("threshold", min, $"min {Quantity.Format(min, unit)}", above: false);
        }

        if (forecast is { } shown)
        {
            DrawForecast(svg, shown.Evaluation, shown.Forecast, unit, end, X, Y, Horizontal);
        }

        foreach (var line in Enumerable.Reverse(drawn))
        {
            svg.Append($"<path class=\"series{(line.Deciding ? " deciding" : "")}\" data-series=\"{Escape(line.Name)}\" stroke=\"{line.Colour}\" d=\"{PathData(line, X, Y)}\">"
                + $"<title>{Escape(line.Name)}</title></path>");
            if (line.Points.Count == 1 || line.Deciding)
            {
                var (_, time, value) = line.Points[^1];
                svg.Append($"<circle class=\"point\" cx=\"{Number(X(time))}\" cy=\"{Number(Y(value))}\" r=\"{(line.Deciding ? 4 : 3)}\" fill=\"{line.Colour}\"/>");
            }
        }

        if (drawn.FirstOrDefault(s => s.Deciding) is { } decider)
        {
            var (_, time, value) = decider.Points[^1];
            var left = X(time) < Left + PlotWidth * 0.4;
            svg.Append($"<text class=\"series-label halo\" x=\"{Number(X(time) + (left ? 8 : -8))}\" y=\"{Number(Y(value) - 10)}\" "
                + $"text-anchor=\"{(left ? "start" : "end")}\" fill=\"{decider.Colour}\">{Escape(decider.Name)}</text>");
        }

        Vertical(svg, "deploy", X(schedule.DeployedAt), $"deploy {schedule.DeployedAt.UtcDateTime:HH:mm}", Top + 14, "start");
        if (outcome.DecidedAt is { } decided)
        {
            var label = outcome.Cancelled ? $"cancelled {Clock(decided)}" : $"decided {Clock(decided)}";
            Vertical(svg, "decision", X(decided), label, Top - 8);
        }

        if (forecast?.Forecast.Fleet?.LastInstanceAt is { } down && down <= end && down > schedule.DeployedAt)
        {
            Vertical(svg, "fleet-down", X(down), $"service down by about {ClockText.AboutMinute(down, forecast.Value.Evaluation.Time)}", Top + PlotHeight - 8);
        }

        if ((outcome.DecidedAt is not { } d || d < schedule.End) && schedule.End < end)
        {
            Vertical(svg, "soak-end", X(schedule.End), "planned end", Top + 14);
        }

        return svg.Append("</svg>").ToString();
    }

    private static void DrawForecast(StringBuilder svg, CheckEvaluation evaluation, Forecast forecast, QuantityUnit unit,
        DateTimeOffset end, Func<DateTimeOffset, double> x, Func<double, double> y, Action<string, double, string, bool> horizontal)
    {
        horizontal("limit", forecast.Limit, $"limit {Quantity.Format(forecast.Limit, unit)}", true);
        if (forecast.TimeToLimit is not { } eta || !double.IsFinite(forecast.Level))
        {
            return;
        }

        var from = evaluation.Time;

        // Where a line from the level reaches the limit (after some time), clipped to the chart's right edge.
        (double X, double Y) Towards(TimeSpan? after)
        {
            if (after is not { } span || from + span > end)
            {
                var seconds = (end - from).TotalSeconds;
                var slope = after is { } s && s > TimeSpan.Zero ? (forecast.Limit - forecast.Level) / s.TotalSeconds : 0;
                return (x(end), y(forecast.Level + slope * seconds));
            }

            return (x(from + span), y(forecast.Limit));
        }

        var (x0, y0) = (x(from), y(forecast.Level));
        if (forecast.Earliest is { } earliest)
        {
            var soon = Towards(earliest);
            var late = Towards(forecast.Latest);
            var corner = soon.X < late.X && late.Y > soon.Y ? $" {Number(late.X)},{Number(soon.Y)}" : "";
            svg.Append($"<polygon class=\"forecast-range\" points=\"{Number(x0)},{Number(y0)} {Number(soon.X)},{Number(soon.Y)}{corner} {Number(late.X)},{Number(late.Y)}\">"
                + "<title>the forecast's range, from the slope's upper to its lower bound</title></polygon>");
        }

        // The time the report's sentence names (ReachesAt), rounded the same way, so chart and text agree.
        var reaches = forecast.ReachesAt(from) ?? from + eta;
        var (x1, y1) = Towards(reaches - from);
        var limit = Quantity.Format(forecast.Limit, unit);
        var text = reaches <= from ? $"already at the {limit} limit"
            : reaches <= end ? $"{(forecast.Fleet is { Instances: > 1 } ? "first pod reaches" : "reaches")} {limit} at about {ClockText.AboutMinute(reaches, from)} (in ~{PromDuration.Humanize(reaches - from)})"
            : $"limit in ~{PromDuration.Humanize(reaches - from)}";
        svg.Append($"<line class=\"forecast\" x1=\"{Number(x0)}\" y1=\"{Number(y0)}\" x2=\"{Number(x1)}\" y2=\"{Number(y1)}\"><title>{Escape(text)}</title></line>");
        if (reaches <= end)
        {
            svg.Append($"<circle class=\"forecast-point\" cx=\"{Number(x1)}\" cy=\"{Number(y1)}\" r=\"5\"/>");
        }

        var anchor = x1 > Left + PlotWidth * 0.7 ? "end" : "start";
        var dx = anchor == "end" ? -8 : 8;
        svg.Append($"<text class=\"forecast-label halo\" x=\"{Number(x1 + dx)}\" y=\"{Number(y1 - 10)}\" text-anchor=\"{anchor}\">{Escape(text)}</text>");
    }

    private static void OutcomeStrip(StringBuilder svg, CheckResult result, Func<DateTimeOffset, double> x)
    {
        var evaluations = result.Evaluations;
        for (var i = 0; i < evaluations.Count; i++)
        {
            var left = i == 0 ? x(evaluations[i].Time) - 2 : (x(evaluations[i - 1].Time) + x(evaluations[i].Time)) / 2;
            var right = i == evaluations.Count - 1 ? x(evaluations[i].Time) + 2 : (x(evaluations[i].Time) + x(evaluations[i + 1].Time)) / 2;
            var kind = evaluations[i].Outcome switch
            {
                EvaluationOutcome.Passed => "passed",
                EvaluationOutcome.Failed => "failed",
                EvaluationOutcome.Error => "error",
                _ => "unjudged",
            };
            svg.Append($"<rect class=\"tick-{kind}\" x=\"{Number(left)}\" y=\"{Number(Top + PlotHeight + 4)}\" width=\"{Number(Math.Max(1, right - left))}\" height=\"7\">"
                + $"<title>{Clock(evaluations[i].Time)}: {Escape(evaluations[i].Reason)}</title></rect>");
        }
    }

    private static void Vertical(StringBuilder svg, string kind, double x, string label, double labelY, string? anchor = null)
    {
        anchor ??= x > Left + PlotWidth * 0.8 ? "end" : x < Left + PlotWidth * 0.15 ? "start" : "middle";
        var dx = anchor switch { "start" => 4, "end" => -4, _ => 0 };
        svg.Append($"<line class=\"{kind}\" x1=\"{Number(x)}\" x2=\"{Number(x)}\" y1=\"{Number(Top)}\" y2=\"{Number(Top + PlotHeight)}\"/>");
        svg.Append($"<text class=\"{kind}-label halo\" x=\"{Number(x + dx)}\" y=\"{Number(labelY)}\" text-anchor=\"{anchor}\">{Escape(label)}</text>");
    }

    private static string PathData(ChartSeries line, Func<DateTimeOffset, double> x, Func<double, double> y)
    {
        var data = new StringBuilder();
        var previous = int.MinValue;
        foreach (var (index, time, value) in line.Points)
        {
            data.Append(index == previous + 1 ? " L" : " M").Append(Number(x(time))).Append(',').Append(Number(y(value)));
            previous = index;
        }

        return data.ToString().TrimStart();
    }
}
