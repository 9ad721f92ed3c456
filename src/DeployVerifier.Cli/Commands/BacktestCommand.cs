using DeployVerifier.Backtests;
using DeployVerifier.Cli.Options;
using DeployVerifier.Cli.Output;
using DeployVerifier.Plans;
using DeployVerifier.Reports;

namespace DeployVerifier.Cli.Commands;

/// <summary>
/// <c>backtest</c>: plan once, preflight the store, list the past releases (in a window, or those a file names), judge
/// each as <c>verify</c> would have, several at a time and without waiting, and write the reports. No rollback, CI
/// status or notification. Exit 2 invalid input, 4 internal error (from the entry point), 3 when Prometheus could
/// not be read (or the run was cancelled), 1 when a verdict differs from the one expected (or came after its deadline), else 0.
/// </summary>
internal sealed class BacktestCommand(CliContext context)
{
    public async Task<ExitCode> RunAsync(BacktestOptions options, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var (releases, invalidInput) = PastReleases.Prepare(context, options, options.Parallel);
        if (releases is null)
        {
            return invalidInput;
        }

        var (window, parallel, invocation, plan, checklistText) = (releases.Window, releases.Parallel, releases.Invocation, releases.Plan, releases.ChecklistText);
        var now = context.Time.GetUtcNow();
        var (connection, candidates, failure) = await releases.FindAsync(context, "no release was judged", cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return failure;
        }

        using var connectionScope = connection;
        var url = plan.PrometheusUrl!;
        var selection = releases.Describe(candidates.Count);
        var shard = window.Shard;
        var judged = shard?.Select(candidates) ?? candidates;
        var part = shard is null ? "" : $" (shard {shard} of the {candidates.Count})";
        output.WriteLine($"{selection}: judging {judged.Count} releases{part} with {plan.Checklist.Checks.Count} checks, soak {plan.SoakText}, "
            + $"{parallel} at a time; no rollback.");
        var run = await new BacktestRunner(connection.Store, context.Time, new BacktestConsole(output), parallel).RunAsync(plan, judged, cancellationToken)
            .ConfigureAwait(false);
        var report = BacktestReport.Of(run, shard, selection, window.From, window.To, window.ReleasesFile, now, url.GetLeftPart(UriPartial.Path),
            connection.RequestCount, ToolInfo.Version, invocation.Inconclusive) with
        {
            Inputs = new BacktestInputs(invocation.ChecklistPath, BacktestFingerprint.Of(checklistText), plan.SoakText, BacktestFingerprint.Of(invocation.Vars))
            {
                LabelRollbacks = window.LabelRollbacksText,
            },
            Shard = shard is null ? null : new BacktestShardStamp(shard, candidates.Count, BacktestFingerprint.Of(candidates)),
        };
        return BacktestConclusion.Conclude(context, report, options);
    }
}
