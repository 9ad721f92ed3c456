using System.Text.Json;
using DeployVerifier.Backtests;
using DeployVerifier.Evaluation;

namespace DeployVerifier.Reports;

/// <summary>Writes a backtest's machine-readable report: each release flat (name, start, verdict, expectation) with the report <c>verify</c> would have written.</summary>
public static class BacktestJsonReportWriter
{
    /// <summary>Bumped on any change that could break a reader; <c>backtest-report.schema.json</c> follows it.</summary>
    public const int SchemaVersion = 1;

    public static string Write(BacktestReport report) =>
        JsonSerializer.Serialize(Build(report), BacktestJsonReportContext.Default.BacktestJsonReport);

    internal static BacktestJsonReport Build(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var totals = report.Totals;
        return new BacktestJsonReport(
            SchemaVersion,
            "deploy-verifier",
            report.ToolVersion,
            "backtest",
            report.RanAt,
            new BacktestJsonSelection(report.Selection, report.From, report.To, report.ReleasesFile),
            new BacktestJsonTotals(totals.Releases, totals.Passed, totals.Failed, totals.Inconclusive, totals.NotFinished, totals.Superseded,
                totals.MedianTimeToFailure?.TotalSeconds),
            totals.Expected == 0 ? null
                : new BacktestJsonExpectations(totals.Expected, totals.Expected - totals.Disagreeing, totals.Disagreeing, totals.BadCaught, totals.BadMissed, totals.GoodBlocked),
            report.Run.Results.Select(r => Release(report, r)).ToList(),
            new BacktestJsonPrometheus(report.PrometheusUrl, report.PrometheusRequests, report.Run.Outage));
    }

    private static BacktestJsonRelease Release(BacktestReport report, BacktestResult result)
    {
        var start = result.Candidate.Release.StartedAt;
        var failing = FailingCheck(result);
        return new BacktestJsonRelease(
            result.Candidate.Name,
            result.Release.Name,
            start,
            result.Verdict.ToWord(),
            result.DecidedAt,
            result.DecidedAt is { } at ? (at - start).TotalSeconds : null,
            result.Reason,
            failing?.Check.Name,
            result.Expected?.ToWord(),
            result.Expected is null ? null : !result.Disagrees,
            result.Superseded,
            result.Candidate.Entry?.Line,
            JsonReportWriter.Build(report.ReportOf(result)));
    }

    /// <summary>The check that failed the release (the first, when several did); null when none failed.</summary>
    internal static CheckResult? FailingCheck(BacktestResult result) =>
        result.Verdict == BacktestVerdict.Failed ? result.Outcome.Checks.FirstOrDefault(c => c.Outcome == CheckOutcome.Failed) : null;
}
