using DeployVerifier.Cli.Options;
using DeployVerifier.Reports;

namespace DeployVerifier.Cli.Commands;

/// <summary>
/// How a backtest's report ends the step, for <c>backtest</c> and <c>merge-backtests</c> alike: the reports written,
/// the headline and totals printed, then the exit code: 3 when Prometheus could not be read (or the run was
/// cancelled), 1 when a verdict differs from the one expected (or came after its deadline), else 0.
/// </summary>
internal static class BacktestConclusion
{
    public static ExitCode Conclude(CliContext context, BacktestReport report, IBacktestReportOptions options)
    {
        Publish(context, report, options);
        var output = context.Output;
        var totals = report.Totals;
        output.WriteLine();
        output.WriteLine(BacktestMarkdown.MarkedHeadline(report));
        output.WriteLine($"{totals.Passed} passed, {totals.Failed} failed, {totals.Inconclusive} inconclusive, {totals.NotFinished} not finished; "
            + $"{report.PrometheusRequests} Prometheus requests.");
        if (report.Outage is not null || report.Cancelled)
        {
            context.Error.WriteLine(report.Outage is { } outage
                ? $"error: Prometheus could not be read ({outage}); the releases not judged by then are inconclusive (exit code 3)."
                : "the backtest was cancelled; the releases not judged by then are inconclusive (exit code 3).");
            return ExitCode.Inconclusive;
        }

        return totals.Disagreeing > 0 ? ExitCode.Failed : ExitCode.Passed;
    }

    private static void Publish(CliContext context, BacktestReport report, IBacktestReportOptions options)
    {
        if (options.ReportJson is { Length: > 0 } json)
        {
            context.Reports.WriteReport(json, BacktestJsonReportWriter.Write(report), "backtest's JSON report");
        }

        if (options.SummaryMd is { Length: > 0 } markdown)
        {
            context.Reports.WriteReport(markdown, BacktestMarkdown.Write(report), "backtest's Markdown summary");
        }

        if (options.ReportHtml is { Length: > 0 } html)
        {
            context.Reports.WriteReport(html, BacktestHtmlReport.Write(report), "backtest's HTML report");
        }
    }
}
