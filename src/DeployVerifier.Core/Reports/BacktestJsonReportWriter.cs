using System.Text.Json;
using DeployVerifier.Backtests;
using DeployVerifier.Evaluation;

using DeployVerifier.Verdicts;

namespace DeployVerifier.Reports;

/// <summary>
/// Writes a backtest's machine-readable report: each release flat (name, start, verdict, expectation) with the report
/// <c>verify</c> would have written. A shard's report also carries each release's HTML sections, so that a merge writes
/// the page one run would have (<see cref="BacktestJsonReportReader"/>).
/// </summary>
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
        var inputs = report.Inputs;
        return new BacktestJsonReport(
            SchemaVersion,
            "deploy-verifier",
            report.ToolVersion,
            "backtest",
            report.RanAt,
            new BacktestJsonSelection(report.Selection, report.From, report.To, report.ReleasesFile),
            inputs is null ? null : new BacktestJsonChecklist(inputs.ChecklistPath, inputs.ChecklistSha256),
            inputs is null ? null : new BacktestJsonSettings(inputs.Soak, inputs.Vars)
            {
                Inconclusive = report.Inconclusive == Verdicts.InconclusivePolicy.Warn ? "warn" : "fail",
                LabelRollbacks = inputs.LabelRollbacks,
            },
            report.Shard is { } shard ? new BacktestJsonShard(shard.Shard.Index, shard.Shard.Count, shard.Releases, shard.Fingerprint) : null,
            report.Merged is { } merged ? new BacktestJsonMerged(merged.Shards, merged.Releases, merged.Fingerprint) : null,
            new BacktestJsonTotals(totals.Releases, totals.Passed, totals.Failed, totals.Inconclusive, totals.NotFinished, totals.Superseded,
                totals.MedianTimeToFailure?.TotalSeconds)
            {
                FailedWithoutExpectation = totals.FailedUnexpected,
            },
            totals.Expected == 0 ? null
                : new BacktestJsonExpectations(totals.Expected, totals.Expected - totals.Disagreeing, totals.Disagreeing, totals.BadCaught, totals.BadMissed, totals.GoodBlocked),
            report.Rows.Select(r => Release(r, withHtml: report.Shard is not null)).ToList(),
            new BacktestJsonPrometheus(report.PrometheusUrl, report.PrometheusRequests, report.Outage),
            report.Cancelled)
        {
            Banner = report.Banner.ToWord(),
            Accuracy = BacktestJsonAccuracyWriter.Build(report.Accuracy),
        };
    }

    private static BacktestJsonRelease Release(BacktestRow row, bool withHtml) => new(
        row.Name,
        row.Release,
        row.StartedAt,
        row.Verdict.ToWord(),
        row.DecidedAt,
        row.DecidedAt is { } at ? (at - row.StartedAt).TotalSeconds : null,
        row.Reason,
        row.FailingCheck,
        row.Expected?.ToWord(),
        row.Expected is null ? null : !row.Disagrees,
        row.Superseded,
        row.Line,
        row.Position,
        row.Report(),
        withHtml ? row.Sections() : null)
    {
        RolledBackByVerifier = row.RolledBackByVerifier,
        DeadlineSeconds = row.Deadline?.TotalSeconds,
    };

    /// <summary>The check that failed the release (the first, when several did); null when none failed.</summary>
    internal static CheckResult? FailingCheck(BacktestResult result) =>
        result.Verdict == BacktestVerdict.Failed ? result.Outcome.Checks.FirstOrDefault(c => c.Outcome == CheckOutcome.Failed) : null;
}
