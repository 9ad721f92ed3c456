using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Options;
using DeployVerifier.Cli.Output;
using DeployVerifier.Cli.Rollbacks;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Evaluation;
using DeployVerifier.Metrics;
using DeployVerifier.Reports;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Cli.Commands;

/// <summary>
/// <c>verify</c>: prepare the checklist, preflight the store, soak, roll back on failure, write the reports, and
/// turn the verdict into the exit code. Reports and the rollback are side channels: they never change the code.
/// </summary>
internal sealed class VerifyCommand(CliContext context)
{
    public async Task<ExitCode> RunAsync(VerifyOptions options, CancellationToken cancellationToken)
    {
        var output = context.Output;
        if (!context.TryPrepare(options, out var invocation, out var prepared, out var invalidInput))
        {
            return invalidInput;
        }

        if (prepared.PrometheusUrl is not { } url)
        {
            return context.InvalidInput([new ChecklistError("no Prometheus address: pass --prometheus-url, set PROMETHEUS_URL, or set prometheus.url in the checklist")]);
        }

        var (connection, connectionErrors) = context.Connect(prepared.Checklist.Prometheus, url);
        if (connection is null)
        {
            return context.InvalidInput(connectionErrors);
        }

        using var _ = connection;
        var schedule = new SoakSchedule(invocation.DeployedAt, prepared.Soak.Duration, prepared.Soak.WarmUp, prepared.Soak.Interval);
        var checks = prepared.Checks.Count == 1 ? "the check" : $"the {prepared.Checks.Count} checks";
        output.WriteLine($"Checking Prometheus at {url} and the queries of {checks} in {invocation.ChecklistPath}…");
        SoakOutcome outcome;
        try
        {
            var invalid = await SoakPreflight.RunAsync(connection.Store, prepared.Checks, context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (invalid.Count > 0)
            {
                return context.InvalidInput(invalid);
            }

            var observer = context.Observe(new ConsoleProgress(output), invocation);
            var runner = new SoakRunner(connection.Store, context.Time, observer);
            outcome = await runner.RunAsync(schedule, prepared.Soak.IngestionLag, prepared.Soak.MaxConsecutiveErrors, prepared.Checks, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (MetricStoreUnavailableException unavailable)
        {
            outcome = Unseen(schedule, prepared, unavailable.Message, cancelled: false);
        }
        catch (MetricStoreAddressException address)
        {
            return context.InvalidInput([new ChecklistError(address.Message)]);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = Unseen(schedule, prepared, "the verification was cancelled before the soak started", cancelled: true);
        }

        context.SoakEnded();
        var rollback = await RollBackAsync(outcome, prepared.Checklist.Rollback, invocation).ConfigureAwait(false);
        var report = new ReportContext(outcome, rollback, invocation.DryRun, url.GetLeftPart(UriPartial.Path), connection.RequestCount, CliContext.Version);
        var summary = MarkdownSummary.Write(report);
        context.Publish(report, summary, invocation.ReportJson, invocation.SummaryMd, invocation.ReportHtml);
        output.WriteLine();
        output.WriteLine(summary);
        return await context.ConcludeAsync(report, summary, invocation).ConfigureAwait(false);
    }

    private static SoakOutcome Unseen(SoakSchedule schedule, PreparedChecklist prepared, string reason, bool cancelled)
    {
        var results = prepared.Checks
            .Select(c => new CheckResult(c.Check, CheckOutcome.Inconclusive, reason, null, null, 0, [], null))
            .ToList();
        return new SoakOutcome(Verdict.Inconclusive, reason, schedule, null, results, cancelled, [], new Dictionary<string, BaselineInfo>());
    }

    private async Task<RollbackOutcome> RollBackAsync(SoakOutcome outcome, RollbackSettings settings, Invocation invocation)
    {
        if (outcome.Verdict != Verdict.Failed)
        {
            return RollbackOutcome.NotAttempted($"not needed: the verdict is {ReportText.Verdict(outcome.Verdict)}");
        }

        if (invocation.DryRun)
        {
            return RollbackOutcome.NotAttempted("skipped: --dry-run");
        }

        var request = new RollbackRequest(
            ReportText.Verdict(outcome.Verdict),
            outcome.Checks.Where(c => c.Outcome == CheckOutcome.Failed).Select(c => c.Check.Name).ToList(),
            outcome.Reason,
            outcome.Schedule.DeployedAt,
            outcome.DecidedAt);
        context.Output.WriteLine($"Verdict failed: rolling back ({outcome.Reason})");

        // The rollback is not cancelled with the soak: a half-run rollback is worse than none.
        var result = await RollbackRunner.RunAsync(context.RollbackActions(settings), request, CancellationToken.None).ConfigureAwait(false);
        var how = !result.Attempted ? "not run" : result.Succeeded ? "succeeded" : "FAILED";
        context.Output.WriteLine($"Rollback {how}: {result.Detail}");
        return result;
    }
}
