using System.Text;
using DeployVerifier.Evaluation;
using DeployVerifier.Quantities;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;
using static DeployVerifier.Reports.HtmlText;

namespace DeployVerifier.Reports;

/// <summary>
/// The page a release manager opens (<c>--report-html</c>): the verdict, why in plain words, the rollback, then a
/// chart and a table per check. Self-contained (inline CSS and SVG; no scripts, fonts, images or links out) and
/// well-formed XHTML, so it can be archived, mailed and parsed. Every text from the checklist or Prometheus is escaped.
/// </summary>
public static class HtmlReport
{
    /// <summary>Series named under a chart; the rest are drawn but only counted.</summary>
    internal const int MaxLegend = 8;

    public static string Write(ReportContext context)
    {
        var outcome = context.Outcome;
        var schedule = outcome.Schedule;
        var verdict = ReportText.Verdict(outcome.Verdict);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append($"<title>{Escape($"{verdict}: {ReportText.Headline(outcome, context.Named)}")}</title>\n")
            .Append("<style>").Append(HtmlStyle.Css).Append("</style>\n</head>\n<body>\n");

        page.Append($"<header class=\"verdict {verdict}\">\n")
            .Append($"<p class=\"mark\">{Mark(outcome.Verdict)}</p>\n")
            .Append($"<div><h1>{Escape(ReportText.Headline(outcome, context.Named))}</h1>\n");
        var soak = $"Deployed {schedule.DeployedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC · soak {PromDuration.Format(schedule.End - schedule.DeployedAt)}";
        var decided = outcome.DecidedAt is { } at ? $" · decided at {ReportText.When(at, schedule.DeployedAt)}" : "";
        var dryRun = context.DryRun ? " · dry run" : "";
        page.Append($"<p class=\"when\">{Escape(soak + decided + dryRun)}</p></div>\n</header>\n<main>\n");

        AppendSections(page, context);
        page.Append("</main>\n<footer>\n");
        if (outcome.Warnings.Count > 0)
        {
            page.Append($"<p class=\"warnings\"><strong>Prometheus warnings:</strong> {Escape(string.Join("; ", outcome.Warnings))}</p>\n");
        }

        page.Append($"<p>deploy-verifier {Escape(context.ToolVersion)} · Prometheus {Escape(context.PrometheusUrl)} · {context.PrometheusRequests} requests · "
            + $"evaluated every {Escape(PromDuration.Format(schedule.Interval))}</p>\n");
        return page.Append("</footer>\n</body>\n</html>\n").ToString();
    }

    /// <summary>The report's sections (why, the rollback, the overview and a chart per check), for this page and a backtest's per-release sections.</summary>
    internal static void AppendSections(StringBuilder page, ReportContext context, string idPrefix = "")
    {
        var outcome = context.Outcome;
        page.Append("<section class=\"why\">\n<h2>Why</h2>\n<ul class=\"reasons\">\n");
        foreach (var (check, text, details) in ReportText.Reasons(outcome))
        {
            var name = check is null ? "" : $"<strong>{Escape(check)}</strong>{(outcome.Verdict == Verdict.Passed ? " (closest)" : "")}: ";
            var more = details is null ? "" : $"<br /><span class=\"details\">details: {Escape(details)}</span>";
            page.Append($"<li>{name}{Escape(text)}{more}</li>\n");
        }

        if (outcome.Checks.Count == 0)
        {
            page.Append($"<li>{Escape(outcome.Reason)}</li>\n");
        }

        foreach (var warned in WarnedChecks.Of(outcome.Checks))
        {
            page.Append($"<li class=\"warned\"><strong>Warning:</strong> {Escape(WarnedChecks.Line(warned))}</li>\n");
        }

        page.Append("</ul>\n");
        var rollback = context.Rollback;
        var (rollbackClass, rollbackText) = !rollback.Attempted ? ("skipped", rollback.Detail)
            : rollback.Succeeded ? ("done", $"done: {rollback.Detail}") : ("failed", $"FAILED: {rollback.Detail}");
        page.Append($"<p class=\"rollback {rollbackClass}\"><strong>Rollback</strong> {Escape(rollbackText)}</p>\n");
        if (rollback.Actions.Count > 1)
        {
            foreach (var action in rollback.Actions)
            {
                page.Append($"<p class=\"rollback-action\">{Escape(action.Kind)}: {(action.Succeeded ? "succeeded" : "failed")}, {Escape(action.Detail)}</p>\n");
            }
        }

        page.Append("</section>\n");

        var checks = outcome.Checks.Select((result, index) => (Result: result, Id: $"{idPrefix}check-{index + 1}"))
            .OrderByDescending(c => c.Result.Outcome)
            .ToList();
        Overview(page, checks);
        var layout = new ChartLayout(checks.Select(c => SvgChart.EndOf(c.Result, outcome)).DefaultIfEmpty(outcome.Schedule.End).Max(), []);
        foreach (var (result, id) in checks)
        {
            Check(page, result, id, outcome, layout);
        }
    }

    private static void Overview(StringBuilder page, List<(CheckResult Result, string Id)> checks)
    {
        page.Append("<section>\n<h2>Checks</h2>\n<table class=\"overview\">\n<thead><tr><th>Check</th><th>Status</th><th>Threshold</th><th>Worst</th><th>Last</th></tr></thead>\n<tbody>\n");
        foreach (var (result, id) in checks)
        {
            var check = result.Check;
            var worst = ReportText.Value(result.Worst, check.Unit) is { } w
                ? check.PerSeries && result.Worst?.Series is { } series ? $"{w} ({series.DisplayName})" : w
                : "–";
            page.Append($"<tr><td><a href=\"#{id}\">{Escape(check.Name)}</a></td><td>{Status(result)}</td>"
                + $"<td>{Escape(Threshold(result))}</td><td>{Escape(worst)}</td><td>{Escape(ReportText.Value(result.Last, check.Unit) ?? "–")}</td></tr>\n");
        }

        page.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>What every chart of a page shares: one time range, and a colour per pod.</summary>
    private sealed record ChartLayout(DateTimeOffset End, Dictionary<string, string> Colours);

    private static void Check(StringBuilder page, CheckResult result, string id, SoakOutcome outcome, ChartLayout layout)
    {
        var check = result.Check;
        var unit = check.Unit;
        var deployedAt = outcome.Schedule.DeployedAt;
        page.Append($"<section class=\"check {ReportText.Outcome(result.Outcome)}\" id=\"{id}\">\n")
            .Append($"<h2>{Status(result)} {Escape(check.Name)}</h2>\n")
            .Append($"<p class=\"reason\">{Escape(result.Evaluations.Count == 0 && !result.Reason.StartsWith("not evaluated", StringComparison.Ordinal) ? $"not evaluated: {result.Reason}" : result.Reason)}</p>\n");

        var series = ChartSeries.From(result, layout.Colours);
        page.Append("<figure>").Append(SvgChart.Write(result, series, outcome, layout.End)).Append('\n');
        Legend(page, result, series);
        page.Append("</figure>\n");

        page.Append("<table class=\"details\">\n<tbody>\n");
        void Row(string name, string value) => page.Append($"<tr><th>{name}</th><td>{Escape(value)}</td></tr>\n");
        Row("Status", ReportText.Status(result));
        Row("Threshold", Threshold(result));
        if (result.Worst is { } worst && ReportText.Value(worst, unit) is { } worstValue)
        {
            Row("Worst", $"{worstValue}{OfSeries(worst, check.PerSeries)} at {ReportText.When(worst.Time, deployedAt)}");
        }

        if (result.Last is { } last)
        {
            Row("Last", $"{ReportText.Value(last, unit) ?? "no value"}{OfSeries(last, check.PerSeries)} at {ReportText.When(last.Time, deployedAt)}: {last.Reason}");
        }

        if (result.FirstFailureAt is { } first)
        {
            Row("Failing since", ReportText.When(first, deployedAt));
        }

        if (outcome.Baselines.GetValueOrDefault(check.Name) is { } baseline)
        {
            var level = baseline.Value is { } b ? Quantity.Format(b, unit) : "none";
            Row("Baseline", $"{level} ({baseline.Note})");
        }

        if (SvgChart.ForecastOf(result) is { } shown)
        {
            // The deciding evaluation's forecast (the JSON report's): for a check that did not fail, its closest call.
            Row(result.Outcome == CheckOutcome.Failed ? "Forecast" : "Closest call", Forecast(shown.Evaluation, shown.Forecast, unit));
            if (shown.Forecast.Fleet is { Summary.Length: > 0 } fleet)
            {
                Row("Fleet", Capitalised(fleet.Summary));
            }
        }

        if (result.Details is { Length: > 0 } details)
        {
            Row("Details", details);
        }

        Row("Evaluations", result.Evaluations.Count == 0 ? "not evaluated" : $"{result.Evaluations.Count}: {ReportText.Counts(result.Counts)}");
        if (result.DecidedBy is { } rule)
        {
            Row("Decided by", ReportText.Rule(rule, check));
        }

        page.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Legend(StringBuilder page, CheckResult result, IReadOnlyList<ChartSeries> series)
    {
        page.Append("<figcaption>\n<ul class=\"legend\">\n");
        foreach (var line in series.Take(MaxLegend))
        {
            var role = line.Deciding ? (result.Outcome == CheckOutcome.Failed ? " (failed the check)" : " (worst)") : "";
            page.Append($"<li><span class=\"swatch\" style=\"background:{line.Colour}\"></span>{Escape(line.Name)}<em>{role}</em></li>\n");
        }

        if (series.Count > MaxLegend)
        {
            var hidden = series.Count - Math.Min(series.Count, ChartSeries.MaxDrawn);
            var note = hidden > 0 ? $", {hidden} not drawn" : "";
            page.Append($"<li class=\"more\">and {series.Count - MaxLegend} more series{note}</li>\n");
        }

        page.Append("<li class=\"note\">each series' value at every evaluation; the strip under the chart is each evaluation's outcome "
            + "(green: passed, red: failed, purple: no answer, grey: not judged)</li>\n");
        page.Append("</ul>\n</figcaption>\n");
    }

    private static string Forecast(CheckEvaluation evaluation, Forecast forecast, QuantityUnit unit)
    {
        var level = $"{Quantity.Format(forecast.Level, unit)} at {Clock(evaluation.Time)}";
        var limit = Quantity.Format(forecast.Limit, unit);
        if (forecast.ReachesAt(evaluation.Time) is not { } reaches)
        {
            return $"{level}, not growing towards the {limit} limit";
        }

        var rising = $"{level}, rising {Quantity.FormatRatePerMinute(forecast.SlopePerSecond, unit)}";
        if (reaches <= evaluation.Time)
        {
            return $"{rising}: already at the {limit} limit";
        }

        var range = forecast.Latest is null && forecast.Earliest is { } soon
            ? $" (at the soonest {PromDuration.Humanize(soon)}; the growth is not significant)"
            : ClockText.Range(forecast.Earliest, forecast.Latest) is { } between ? $" (between {between})" : "";
        var levelling = forecast.LevellingOffAt is { } plateau ? $"; levelling off near {Quantity.Format(plateau, unit)}" : "";
        return $"{rising}: reaches the {limit} limit at about {ClockText.AboutMinute(reaches, evaluation.Time)}, in ~{PromDuration.Humanize(reaches - evaluation.Time)}{range}{levelling}";
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Threshold(CheckResult result) =>
        ReportText.Threshold(result.Check, result.EffectiveMax) is { Length: > 0 } text ? text : "–";

    private static string OfSeries(CheckEvaluation evaluation, bool perSeries) =>
        perSeries && evaluation.Series is { } series ? $" ({series.DisplayName})" : "";

    private static string Status(CheckResult result)
    {
        var word = ReportText.Outcome(result.Outcome);
        var mark = result.Unfinished ? "…" : result.Outcome switch
        {
            CheckOutcome.Passed => "✔",
            CheckOutcome.Failed => "✘",
            _ => "!",
        };
        var warnOnly = result.Check.Severity == Checklists.CheckSeverity.Warn ? " (warn only)" : "";
        return $"<span class=\"status {word}\">{mark} {ReportText.Status(result)}{warnOnly}</span>";
    }

    private static string Mark(Verdict verdict) => verdict switch
    {
        Verdict.Passed => "✔",
        Verdict.Failed => "✘",
        _ => "?",
    };
}
