using System.Globalization;
using System.Text;
using DeployVerifier.Backtests;
using DeployVerifier.Quantities;
using DeployVerifier.Verdicts;
using static DeployVerifier.Reports.HtmlText;

namespace DeployVerifier.Reports;

/// <summary>
/// A backtest's page (<c>--report-html</c>): the totals, a timeline with one mark per release coloured by its verdict
/// (a release that disagrees with its expected verdict is ringed and larger), then a section per release with the
/// charts <c>verify</c> draws, folded. Self-contained like <see cref="HtmlReport"/>.
/// </summary>
public static class BacktestHtmlReport
{
    private const int Width = 1000;
    private const int Height = 90;
    private const int Margin = 30;

    private const string Css = """

        .timeline svg { width: 100%; height: auto; }
        .mark-passed { fill: var(--passed); } .mark-failed { fill: var(--failed); } .mark-inconclusive { fill: var(--inconclusive); } .mark-not-finished { fill: #8c959f; }
        .disagrees { stroke: #000; stroke-width: 3; }
        details.release { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 12px 0; padding: 8px 16px; }
        details.release.disagrees { border: 3px solid #000; }
        details.release summary { cursor: pointer; font-size: 16px; }
        details.release section { border: none; padding: 0; margin: 12px 0; }

        """;

    public static string Write(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var headline = BacktestMarkdown.Headline(report);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append($"<title>{Escape(headline)}</title>\n")
            .Append("<style>").Append(HtmlStyle.Css).Append(Css).Append("</style>\n</head>\n<body>\n");
        var totals = report.Totals;
        var tone = report.Banner.ToWord();
        page.Append($"<header class=\"verdict {tone}\">\n<p class=\"mark\">{Mark(report.Banner)}</p>\n<div><h1>{Escape(headline)}</h1>\n")
            .Append($"<p class=\"when\">{Escape(report.Selection)} · {totals.Releases} releases: {totals.Passed} passed, {totals.Failed} failed, "
                + $"{totals.Inconclusive} inconclusive, {totals.NotFinished} not finished</p></div>\n</header>\n<main>\n");

        page.Append("<section class=\"why\">\n<h2>Totals</h2>\n<ul class=\"reasons\">\n");
        if (totals.Expected > 0)
        {
            page.Append($"<li>{Escape(BacktestMarkdown.Expectations(totals))}; "
                + $"<strong>{totals.Disagreeing} of {totals.Expected} disagree</strong> with their expected verdict</li>\n");
        }

        if (totals.FailedUnexpected > 0)
        {
            page.Append($"<li><strong>{totals.FailedUnexpected} of {totals.Releases - totals.Expected}</strong> releases without an expected verdict would have failed</li>\n");
        }

        if (totals.MedianTimeToFailure is { } median)
        {
            page.Append($"<li>median time to a failed verdict: {Escape(PromDuration.Humanize(median))}</li>\n");
        }

        if (report.Outage is { } outage)
        {
            page.Append($"<li>Prometheus could not be read ({Escape(outage)}): the releases not judged by then are inconclusive</li>\n");
        }

        page.Append("</ul>\n</section>\n");
        BacktestAccuracyHtml.Append(page, report.Accuracy);
        Timeline(page, report.Rows);

        foreach (var result in report.Rows)
        {
            var word = result.Verdict.ToWord();
            var late = result.Late is { } why ? $" ({why})" : "";
            var expected = result.ExpectedWords is { } e ? result.Disagrees ? $" · expected {e}: DISAGREES{late}" : $" · as expected{(result.InTime is { } met ? $": {e} ({met})" : "")}" : "";
            var decided = result.DecidedAt is { } at ? $" · decided after {PromDuration.Humanize(at - result.StartedAt)}" : "";
            page.Append($"<details class=\"release{(result.Disagrees ? " disagrees" : "")}\" id=\"{result.Anchor}\">\n")
                .Append($"<summary><span class=\"status {word}\">{Escape(word)}</span> {result.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC · "
                    + $"{Escape(result.Name)}{Escape(decided + expected)}{(result.Superseded ? " · superseded" : "")}</summary>\n")
                .Append($"<p class=\"reason\">{Escape(result.Reason)}</p>\n")
                .Append(result.Sections())
                .Append("</details>\n");
        }

        page.Append("</main>\n<footer>\n")
            .Append($"<p>deploy-verifier {Escape(report.ToolVersion)} · Prometheus {Escape(report.PrometheusUrl)} · {report.PrometheusRequests} requests · "
                + $"run at {report.RanAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</p>\n");
        return page.Append("</footer>\n</body>\n</html>\n").ToString();
    }

    /// <summary>
    /// The banner's mark drawn as inline SVG, so no font has to hold it (an emoji here showed as an empty box): a tick,
    /// a cross, or a question mark in the page's own font.
    /// </summary>
    private static string Mark(Verdicts.Verdict banner)
    {
        var shape = banner switch
        {
            Verdicts.Verdict.Passed => "<polyline points=\"12,34 26,48 52,16\" />",
            Verdicts.Verdict.Failed => "<line x1=\"14\" y1=\"14\" x2=\"50\" y2=\"50\" /><line x1=\"50\" y1=\"14\" x2=\"14\" y2=\"50\" />",
            _ => "<text x=\"32\" y=\"50\" text-anchor=\"middle\" font-size=\"48\" fill=\"#fff\" stroke=\"none\">?</text>",
        };
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\" role=\"img\" "
            + $"aria-label=\"{banner.ToWord()}\" fill=\"none\" stroke=\"#fff\" stroke-width=\"8\" stroke-linecap=\"round\">{shape}</svg>";
    }

    private static void Timeline(StringBuilder page, IReadOnlyList<BacktestRow> results)
    {
        page.Append("<section class=\"timeline\">\n<h2>Timeline</h2>\n");
        if (results.Count == 0)
        {
            page.Append("<p>No release.</p>\n</section>\n");
            return;
        }

        var first = results.Min(r => r.StartedAt);
        var last = results.Max(r => r.StartedAt);
        var span = Math.Max(1, (last - first).TotalSeconds);
        double X(DateTimeOffset t) => Margin + ((Width - (2 * Margin)) * (t - first).TotalSeconds / span);
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        page.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"one mark per release, coloured by verdict\">\n")
            .Append($"<line x1=\"{Margin}\" y1=\"40\" x2=\"{Width - Margin}\" y2=\"40\" stroke=\"#d1d9e0\" stroke-width=\"2\" />\n");
        foreach (var result in results)
        {
            var x = N(X(result.StartedAt));
            var title = $"{result.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} {result.Name}: {result.Verdict.ToWord()}"
                + (result.Disagrees ? $" (expected {result.ExpectedWords}{(result.Late is { } late ? $"; {late}" : "")})" : "");
            page.Append($"<a href=\"#{result.Anchor}\"><circle cx=\"{x}\" cy=\"40\" r=\"{(result.Disagrees ? 11 : 7)}\" class=\"mark-{result.Verdict.ToWord()}{(result.Disagrees ? " disagrees" : "")}\">"
                + $"<title>{Escape(title)}</title></circle></a>\n");
        }

        page.Append($"<text x=\"{Margin}\" y=\"75\" font-size=\"13\">{first.UtcDateTime:yyyy-MM-dd HH:mm} UTC</text>\n")
            .Append($"<text x=\"{Width - Margin}\" y=\"75\" font-size=\"13\" text-anchor=\"end\">{last.UtcDateTime:yyyy-MM-dd HH:mm} UTC</text>\n")
            .Append("</svg>\n<p class=\"note\">green passed, red failed, amber inconclusive, grey not finished; a ringed, larger mark disagrees with its expected verdict</p>\n</section>\n");
    }
}
