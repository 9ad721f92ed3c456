using DeployVerifier.Backtests;
using DeployVerifier.Rollbacks;

namespace DeployVerifier.Reports;

/// <summary>Everything a backtest's reports are written from.</summary>
/// <param name="Run">The releases judged.</param>
/// <param name="Selection">How the releases were chosen, in words: the window, or the releases file.</param>
/// <param name="From">The window's start; null with a releases file.</param>
/// <param name="To">The window's end; null with a releases file.</param>
/// <param name="ReleasesFile">The <c>--releases</c> file; null for a window.</param>
/// <param name="RanAt">When the backtest ran: soaks not over by then are not finished.</param>
/// <param name="PrometheusUrl">The store's address, without credentials.</param>
/// <param name="PrometheusRequests">How many HTTP requests the store was sent, discovery included.</param>
/// <param name="ToolVersion">The tool's version.</param>
public sealed record BacktestReport(BacktestRun Run, string Selection, DateTimeOffset? From, DateTimeOffset? To, string? ReleasesFile, DateTimeOffset RanAt,
    string PrometheusUrl, long PrometheusRequests, string ToolVersion)
{
    /// <summary>What each release's own report says of the rollback: a backtest never calls one.</summary>
    public static readonly RollbackOutcome NoRollback = RollbackOutcome.NotNeeded("not called: a backtest never rolls back");

    /// <summary>The totals and the expectations' tally.</summary>
    public BacktestTotals Totals { get; } = BacktestTotals.Of(Run.Results);

    /// <summary>The report <c>verify</c> would have written for one release.</summary>
    public ReportContext ReportOf(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ReportContext(result.Outcome, NoRollback, DryRun: true, PrometheusUrl, result.Queries, ToolVersion) { Release = result.Release };
    }
}
