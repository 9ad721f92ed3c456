using System.Text;
using static DeployVerifier.Reports.HtmlText;

namespace DeployVerifier.Reports;

/// <summary>The backtest page's accuracy section: the confusion table, the figures, a row per check and its closest calls; plain characters only.</summary>
internal static class BacktestAccuracyHtml
{
    public static void Append(StringBuilder page, BacktestScorecard scorecard)
    {
        var checklist = scorecard.Checklist;
        var t = checklist.Confusion;
        if (t.Labelled == 0 && scorecard.RolledBackByVerifier.Count == 0)
        {
            return;
        }

        page.Append("<section class=\"accuracy\">\n<h2>Accuracy against the labels</h2>\n")
            .Append($"<p>{t.Labelled} labelled releases counted ({Escape(BacktestAccuracyText.Policy(scorecard.Inconclusive))}; "
                + $"{scorecard.Unlabelled} judged but not counted: no label, or a soak not over).</p>\n")
            .Append("<table class=\"details\">\n<tr><th>label</th><th>blocked</th><th>let through</th></tr>\n")
            .Append($"<tr><th>bad</th><td>{t.Caught} caught</td><td>{t.Missed} missed</td></tr>\n")
            .Append($"<tr><th>good</th><td>{t.FalseAlarms} false alarm{(t.FalseAlarms == 1 ? "" : "s")}</td><td>{t.GoodPassed} passed</td></tr>\n</table>\n")
            .Append($"<ul class=\"reasons\">\n<li>{Escape(BacktestAccuracyText.Figures(checklist))}</li>\n")
            .Append($"<li>time to detect: {Escape(BacktestAccuracyText.TimeToDetect(checklist.TimeToDetect))}</li>\n");
        if (scorecard.RolledBackByVerifier.Count > 0)
        {
            page.Append($"<li>rolled back by the verifier itself, listed apart and not counted: {Escape(string.Join(", ", scorecard.RolledBackByVerifier))}</li>\n");
        }

        page.Append("</ul>\n");
        if (scorecard.Checks.Count > 0)
        {
            page.Append("<table class=\"details\">\n<tr><th>check</th><th>false alarms</th><th>catches (first)</th><th>precision</th><th>recall</th>"
                + "<th>false-alarm rate</th><th>closest good calls</th><th>bad ones, nearest the bound</th></tr>\n");
            foreach (var check in scorecard.Checks)
            {
                var a = check.Accuracy;
                page.Append($"<tr><th>{Escape(check.Check)}{(check.Severity == "warn" ? " (warn)" : "")}</th>")
                    .Append($"<td>{Escape(BacktestAccuracyText.Names(check.FalseAlarms, s => s))}</td>")
                    .Append($"<td>{check.Catches.Count} ({check.CaughtFirst.Count} first)</td>")
                    .Append($"<td>{Escape(BacktestAccuracyText.Share(a.Precision, a.Undefined("precision")))}</td>")
                    .Append($"<td>{Escape(BacktestAccuracyText.Share(a.Recall, a.Undefined("recall")))}</td>")
                    .Append($"<td>{Escape(BacktestAccuracyText.Share(a.FalseAlarmRate, a.Undefined("falseAlarmRate")))}</td>")
                    .Append($"<td>{Calls(check.Good)}</td><td>{Calls(check.Bad)}</td></tr>\n");
            }

            page.Append("</table>\n");
        }

        page.Append("</section>\n");
    }

    private static string Calls(IReadOnlyList<BacktestCloseCall> calls) => calls.Count == 0 ? "none"
        : string.Join("<br />", calls.Select(c => $"<a href=\"#release-{c.Position + 1}\">{Escape(c.Release)}</a>: {Escape(c.Describe())}"));
}
