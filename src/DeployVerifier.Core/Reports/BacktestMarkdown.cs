using System.Text;
using DeployVerifier.Backtests;
using DeployVerifier.Quantities;

namespace DeployVerifier.Reports;

/// <summary>
/// A backtest's summary (<c>--summary-md</c>), read in ten seconds: the totals first (and what the checklist caught,
/// missed and would have blocked), then one row per release.
/// </summary>
public static class BacktestMarkdown
{
    public static string Write(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var totals = report.Totals;
        var text = new StringBuilder();
        text.AppendLine($"## {MarkedHeadline(report)}").AppendLine();
        text.AppendLine($"{Escape(report.Selection)}: **{totals.Releases}** releases: {totals.Passed} passed, {totals.Failed} failed, "
            + $"{totals.Inconclusive} inconclusive, {totals.NotFinished} not finished{(totals.Superseded > 0 ? $" ({totals.Superseded} superseded)" : "")}."
            + (totals.MedianTimeToFailure is { } median ? $" Median time to a failed verdict: {PromDuration.Humanize(median)}." : ""));
        if (totals.Expected > 0)
        {
            text.AppendLine().AppendLine($"Against the {totals.Expected} expected verdicts: {Expectations(totals)}; **{totals.Disagreeing} disagree**.");
        }

        BacktestAccuracyText.AppendMarkdown(text, report.Accuracy, Escape);
        if (report.Outage is { } outage)
        {
            text.AppendLine().AppendLine($"**Prometheus could not be read** ({Escape(outage)}): the releases not judged by then are inconclusive.");
        }

        text.AppendLine();
        text.AppendLine("| Start (UTC) | Release | Verdict | Decided after | Failing check | Reason |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in report.Rows)
        {
            var start = row.StartedAt;
            var decided = row.DecidedAt is { } at ? PromDuration.Humanize(at - start) : "–";
            var reason = row.FailingReason ?? row.Reason;
            text.AppendLine($"| {start.UtcDateTime:yyyy-MM-dd HH:mm:ss} | {Escape(row.Name)} | {Verdict(row)} | {decided} | "
                + $"{Escape(row.FailingCheck ?? "–")} | {Escape(reason)} |");
        }

        return text.ToString();
    }

    /// <summary>The backtest in one line, without a mark: whether the expected verdicts hold and how many releases would have failed.</summary>
    public static string Headline(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var totals = report.Totals;
        if (report.Outage is not null)
        {
            return "Backtest incomplete: Prometheus could not be read";
        }

        if (report.Cancelled)
        {
            return "Backtest cancelled: not every release was judged";
        }

        var unexpected = totals.FailedUnexpected == 0 ? null
            : $"{totals.FailedUnexpected} of {totals.Releases - totals.Expected} releases without an expected verdict would have failed";
        if (totals.Disagreeing > 0)
        {
            return $"Backtest: {totals.Disagreeing} of {totals.Expected} releases disagree with their expected verdict" + (unexpected is null ? "" : $"; {unexpected}");
        }

        if (totals.Expected > 0)
        {
            return $"Backtest: all {totals.Expected} expected verdicts hold" + (unexpected is null ? "" : $"; {unexpected}");
        }

        return totals.Failed > 0
            ? $"Backtest: {totals.Failed} of {totals.Releases} releases would have failed"
            : $"Backtest: none of {totals.Releases} releases would have failed";
    }

    /// <summary>The headline with the banner's mark, for Markdown and the console, whose fonts have the emoji.</summary>
    public static string MarkedHeadline(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"{ReportText.Icon(report.Banner)} {Headline(report)}";
    }

    /// <summary>"1 bad release caught, 1 missed, 0 good releases blocked" as the rows count them.</summary>
    internal static string Expectations(BacktestTotals totals) =>
        $"{totals.BadCaught} bad {(totals.BadCaught == 1 ? "release" : "releases")} caught, {totals.BadMissed} missed, "
        + $"{totals.GoodBlocked} good {(totals.GoodBlocked == 1 ? "release" : "releases")} that would have been blocked";

    private static string Verdict(BacktestRow result)
    {
        var icon = result.Verdict switch
        {
            BacktestVerdict.Passed => "✅",
            BacktestVerdict.Failed => "❌",
            BacktestVerdict.NotFinished => "⏸️",
            _ => "⚠️",
        };
        var superseded = result.Superseded ? ", superseded" : "";
        var late = result.Late is { } why ? $"; {why}" : "";
        // Agreeing with a deadline means blocked in time, so InTime is set exactly when the deadline is worth naming.
        var expected = result.ExpectedWords is { } e ? result.Disagrees ? $" **(expected {e}{late})**" : $" (as expected{(result.InTime is { } met ? $": {e}; {met}" : "")})" : "";
        return $"{icon} {result.Verdict.ToWord()}{superseded}{expected}";
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
