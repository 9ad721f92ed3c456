using System.Text.Json;
using DeployVerifier.Backtests;
using DeployVerifier.Checklists;

namespace DeployVerifier.Reports;

/// <summary>
/// Reads a backtest's JSON report back (a shard's, for a merge): its rows as the reports render them, each release's own
/// report and HTML sections as they were written.
/// </summary>
internal static class BacktestJsonReportReader
{
    /// <summary>The report, or why the text is not a backtest's JSON report.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="path">The file's name, for the error.</param>
    public static (BacktestJsonReport? Report, ChecklistError? Error) Read(string text, string path)
    {
        BacktestJsonReport? report;
        try
        {
            report = JsonSerializer.Deserialize(text, BacktestJsonReportContext.Default.BacktestJsonReport);
        }
        catch (JsonException exception)
        {
            return (null, new ChecklistError($"'{path}' is not JSON ({exception.Message}); give the files backtest --report-json wrote"));
        }

        if (report is not { Kind: "backtest", Releases: not null, Selection: not null, Totals: not null, Prometheus: not null })
        {
            return (null, new ChecklistError($"'{path}' is not a backtest's JSON report (its kind is not backtest); give the files backtest --report-json wrote"));
        }

        return report.SchemaVersion != BacktestJsonReportWriter.SchemaVersion
            ? (null, new ChecklistError($"'{path}' has schemaVersion {report.SchemaVersion}, and this version reads {BacktestJsonReportWriter.SchemaVersion}"))
            : (report, null);
    }

    /// <summary>The report's rows, or the first that can't be read back (a word no version writes, a release without its HTML sections).</summary>
    public static (IReadOnlyList<BacktestRow> Rows, ChecklistError? Error) Rows(BacktestJsonReport report, string path)
    {
        var rows = new List<BacktestRow>();
        foreach (var release in report.Releases)
        {
            var verdict = BacktestWords.ParseVerdict(release.Verdict);
            var expected = release.Expected is { } word ? BacktestWords.ParseExpected(word) : null;
            if (verdict is null || (release.Expected is not null && expected is null) || release.Report is null)
            {
                return ([], new ChecklistError($"'{path}': release {release.Position + 1} ({release.Name}) has no verdict, expectation or report this version reads"));
            }

            if (release.Html is not { } html)
            {
                return ([], new ChecklistError($"'{path}': release {release.Position + 1} ({release.Name}) carries no HTML sections; only a shard's report (backtest --shard) does"));
            }

            var failingReason = release.FailingCheck is { } failing ? release.Report.Checks.FirstOrDefault(c => c.Name == failing)?.Reason : null;
            rows.Add(new BacktestRow(release.Position, release.Name, release.Release, release.DeployedAt, verdict.Value, release.DecidedAt, release.Reason,
                release.FailingCheck, failingReason, expected, release.Superseded, release.Line)
            {
                Report = () => release.Report,
                Sections = () => html,
                RolledBackByVerifier = release.RolledBackByVerifier,
                Deadline = release.DeadlineSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            });
        }

        return (rows, null);
    }
}
