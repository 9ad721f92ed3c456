using System.Text;
using DeployVerifier.Backtests;
using DeployVerifier.Rollbacks;

namespace DeployVerifier.Reports;

/// <summary>Everything a backtest's reports are written from: a run's, or the rows of several shards' reports merged.</summary>
/// <param name="Rows">The releases, oldest first.</param>
/// <param name="Outage">What Prometheus said when it could not be read after retries; null when it answered throughout.</param>
/// <param name="Cancelled">The backtest was stopped from outside before every release was judged.</param>
/// <param name="Selection">How the releases were chosen, in words: the window, or the releases file.</param>
/// <param name="From">The window's start; null with a releases file.</param>
/// <param name="To">The window's end; null with a releases file.</param>
/// <param name="ReleasesFile">The <c>--releases</c> file; null for a window.</param>
/// <param name="RanAt">When the backtest ran: soaks not over by then are not finished.</param>
/// <param name="PrometheusUrl">The store's address, without credentials.</param>
/// <param name="PrometheusRequests">How many HTTP requests the store was sent, discovery included.</param>
/// <param name="ToolVersion">The tool's version.</param>
/// <param name="Inconclusive">Whether an inconclusive verdict blocks a release in the accuracy (<c>--inconclusive</c>); default it does.</param>
public sealed record BacktestReport(IReadOnlyList<BacktestRow> Rows, string? Outage, bool Cancelled, string Selection, DateTimeOffset? From, DateTimeOffset? To,
    string? ReleasesFile, DateTimeOffset RanAt, string PrometheusUrl, long PrometheusRequests, string ToolVersion,
    Verdicts.InconclusivePolicy Inconclusive = Verdicts.InconclusivePolicy.Fail)
{
    private readonly Lazy<BacktestScorecard> _accuracy = new(() => BacktestScorecard.Of(Rows, Inconclusive));

    /// <summary>What each release's own report says of the rollback: a backtest never calls one.</summary>
    public static readonly RollbackOutcome NoRollback = RollbackOutcome.NotNeeded("not called: a backtest never rolls back");

    /// <summary>What the verdicts depend on besides the data; null when not recorded.</summary>
    public BacktestInputs? Inputs { get; init; }

    /// <summary>The shard this report holds; null for a whole backtest.</summary>
    public BacktestShardStamp? Shard { get; init; }

    /// <summary>How many shards were merged into this report, and their list; null unless merged.</summary>
    public BacktestMergeStamp? Merged { get; init; }

    /// <summary>The totals and the expectations' tally, counted from the rows.</summary>
    public BacktestTotals Totals { get; } = BacktestTotals.Of(Rows, Inconclusive);

    /// <summary>The accuracy against the labels, per checklist and per check, with each check's closest calls; worked out when first asked for.</summary>
    public BacktestScorecard Accuracy => _accuracy.Value;

    /// <summary>
    /// How the backtest reads at a glance, the one rule every format's banner and headline follow: inconclusive when
    /// Prometheus could not be read or the run was cancelled; failed when a release disagrees with its expected verdict
    /// or, with none expected, would have failed; else passed.
    /// </summary>
    public Verdicts.Verdict Banner => Outage is not null || Cancelled ? Verdicts.Verdict.Inconclusive
        : Totals.NeedsAttention ? Verdicts.Verdict.Failed
        : Verdicts.Verdict.Passed;

    /// <summary>The report of a run: its results become rows, each at its place in the whole list (<paramref name="shard"/>'s when sharded).</summary>
    public static BacktestReport Of(BacktestRun run, BacktestShard? shard, string selection, DateTimeOffset? from, DateTimeOffset? to, string? releasesFile,
        DateTimeOffset ranAt, string prometheusUrl, long prometheusRequests, string toolVersion,
        Verdicts.InconclusivePolicy inconclusive = Verdicts.InconclusivePolicy.Fail)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rows = run.Results.Select((result, i) => Row(result, shard?.PositionOf(i) ?? i, prometheusUrl, toolVersion)).ToList();
        return new BacktestReport(rows, run.Outage, run.Cancelled, selection, from, to, releasesFile, ranAt, prometheusUrl, prometheusRequests, toolVersion,
            inconclusive);
    }

    private static BacktestRow Row(BacktestResult result, int position, string prometheusUrl, string toolVersion)
    {
        var context = new ReportContext(result.Outcome, NoRollback, DryRun: true, prometheusUrl, result.Queries, toolVersion) { Release = result.Release };
        var failing = BacktestJsonReportWriter.FailingCheck(result);
        return new BacktestRow(position, result.Candidate.Name, result.Release.Name, result.Candidate.Release.StartedAt, result.Verdict, result.DecidedAt,
            result.Reason, failing?.Check.Name, failing?.Reason, result.Expected, result.Superseded, result.Candidate.Entry?.Line)
        {
            RolledBackByVerifier = result.Candidate.RolledBackByVerifier,
            Deadline = result.Deadline,
            Report = () => JsonReportWriter.Build(context),
            Sections = () =>
            {
                var page = new StringBuilder();
                HtmlReport.AppendSections(page, context, $"release-{position + 1}-");
                return page.ToString();
            },
        };
    }
}
