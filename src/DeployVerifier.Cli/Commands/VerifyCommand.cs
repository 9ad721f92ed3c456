using DeployVerifier.Checklists;
using DeployVerifier.Cli.Notifications;
using DeployVerifier.Cli.Options;
using DeployVerifier.Cli.Output;
using DeployVerifier.Cli.Rollbacks;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Metrics;
using DeployVerifier.Notifications;
using DeployVerifier.Plans;
using DeployVerifier.Releases;
using DeployVerifier.Reports;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Cli.Commands;

/// <summary>
/// <c>verify</c>: plan, preflight the store, find the release, soak, roll back on failure, write the reports, and turn
/// the verdict into the exit code. Reports and the rollback are side channels: they never change the code.
/// </summary>
internal sealed class VerifyCommand(CliContext context)
{
    public async Task<ExitCode> RunAsync(VerifyOptions options, CancellationToken cancellationToken)
    {
        var output = context.Output;
        if (!context.TryPrepare(options, out var invocation, out var plan, out var invalidInput, StoreNeed.Required))
        {
            return invalidInput;
        }

        // A rollback that can't work is found now, not after the soak; a dry run or --no-rollback calls none, so it only warns.
        var rollbackProblems = RollbackPreflight.Problems(plan.Checklist.Rollback, context.Environment);
        if (rollbackProblems.Count > 0 && invocation.RollsBack)
        {
            return context.InvalidInput(rollbackProblems);
        }

        foreach (var problem in rollbackProblems)
        {
            context.Error.WriteLine($"warning: {problem} (a run without --dry-run or --no-rollback refuses to start)");
        }

        // The plan refuses an invocation without an address (StoreNeed.Required).
        var url = plan.PrometheusUrl ?? throw new InvalidOperationException("a plan for the store has its address");

        var (connection, connectionErrors) = context.Connect(plan.Checklist.Prometheus, url);
        if (connection is null)
        {
            return context.InvalidInput(connectionErrors);
        }

        using var _ = connection;
        var now = context.Time.GetUtcNow();

        // Until the release is found, the deploy time given (or now) stands in for its start.
        var release = new ReleaseInfo(null, invocation.DeployedAt ?? now, ReleaseInfo.NotIdentified, invocation.DeployedAt);
        var schedule = plan.Schedule(release.StartedAt);
        var checks = plan.Render(release.StartedAt, null);
        var count = checks.Count == 1 ? "the check" : $"the {checks.Count} checks";
        output.WriteLine($"Checking Prometheus at {url} and the queries of {count} in {invocation.ChecklistPath}…");
        SoakOutcome outcome;
        Notifier? notifier = null;
        try
        {
            var invalid = await SoakPreflight.RunAsync(connection.Store, checks, now, cancellationToken, plan.ReleaseQueries()).ConfigureAwait(false);
            if (invalid.Count > 0)
            {
                return context.InvalidInput(invalid);
            }

            // A target that can't be reached is said at the start, not after the verdict; it never stops the run.
            if (plan.Checklist.Notify.IsConfigured && !invocation.NoNotify)
            {
                foreach (var problem in await NotifyPreflight.ProblemsAsync(plan.Checklist.Notify, context.Environment.Get, cancellationToken).ConfigureAwait(false))
                {
                    context.Warn(problem);
                }
            }

            ReleaseTarget? target = null;
            if (plan.ReleaseLookup is { } lookup)
            {
                if (invocation.DeployedAt is { } future && future > now + lookup.WaitFor)
                {
                    return context.InvalidInput([new ChecklistError($"--deployed-at {Quantities.Rfc3339.Format(future)} is more than release.waitFor "
                        + $"({Quantities.PromDuration.Format(lookup.WaitFor)}) in the future; pass the rollout's start")]);
                }

                // Live (the soak's first evaluation is still ahead), the release is settled only on data scraped since the step began.
                var live = (invocation.DeployedAt ?? now) + plan.Soak.WarmUp + plan.Soak.IngestionLag > now;
                if (live && await AwaitFreshDataAsync(connection.Store, lookup, now, cancellationToken).ConfigureAwait(false) is { } stale)
                {
                    if (stale.State == FreshnessState.NoSeries)
                    {
                        return context.InvalidInput([new ChecklistError(stale.Problem!)]);
                    }

                    throw new ReleaseDataStaleException(stale.Problem!);
                }

                var wait = invocation.DeployedAt is { } deployedAt ? ReleaseWait.For(context.Time, deployedAt, plan.Soak.IngestionLag) : null;
                var found = await ReleaseResolver.ResolveAsync(connection.Store, lookup, invocation.DeployedAt, context.Time.GetUtcNow(), plan.Soak.Duration,
                    plan.BaselineWindow, cancellationToken, wait).ConfigureAwait(false);
                if (found.Error is { } error)
                {
                    return context.InvalidInput([error]);
                }

                (release, target) = (found.Release!, found.Target);
                if (found.Note is { } note)
                {
                    output.WriteLine(note);
                }
            }
            else
            {
                output.WriteLine("The checklist has no release section: the release is not identified, and the soak starts at "
                    + (invocation.DeployedAt is null ? "now." : "--deployed-at."));
            }

            notifier = NotifierFactory.Create(plan.Checklist.Notify, plan.Checklist.Checks, invocation, Identity(plan, invocation, release), context);
            var observer = notifier.Observe(context.Observe(new ConsoleProgress(output), invocation));
            var runner = new SoakRunner(connection.Store, context.Time, observer);
            var soak = plan.ForRelease(release.StartedAt, release.Name, target);
            (schedule, checks) = (soak.Schedule, soak.Checks);
            outcome = await runner.RunAsync(soak, cancellationToken).ConfigureAwait(false);
        }
        catch (MetricStoreUnavailableException unavailable)
        {
            outcome = SoakOutcome.NotJudged(schedule, checks.Select(c => c.Check), unavailable.Message);
        }
        catch (ReleaseDataStaleException stale)
        {
            output.WriteLine(stale.Message);
            outcome = SoakOutcome.NotJudged(schedule, checks.Select(c => c.Check), stale.Message);
        }
        catch (MetricStoreAddressException address)
        {
            return context.InvalidInput([new ChecklistError(address.Message)]);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = SoakOutcome.NotJudged(schedule, checks.Select(c => c.Check), "the verification was cancelled before the soak started", cancelled: true);
        }

        context.SoakEnded();
        IReadOnlyList<NotificationSent> sent = [];
        ReportContext Report(RollbackOutcome rollback) =>
            new(outcome, rollback, invocation.DryRun, url.GetLeftPart(UriPartial.Path), connection.RequestCount, ToolInfo.Version)
            {
                Release = release,
                Subject = plan.Subject(release.Name),
                Notifications = notifier?.Sent ?? sent,
            };

        // Queued, sent on the notifier's own task: the rollback does not wait for it.
        notifier?.Verdict(outcome);

        var rollback = await RollBackAsync(outcome, plan.Checklist.Rollback, invocation, release.Name, pending =>
        {
            // Written before the rollback starts: a job killed during it (a runner's SIGKILL after its grace period) still leaves a report.
            var interim = Report(pending);
            var interimSummary = MarkdownSummary.Write(interim);
            context.Reports.Publish(interim, interimSummary, invocation.ReportJson, invocation.SummaryMd, invocation.ReportHtml, quiet: true);
            context.Ci.Interim(context.Output.Redact(interimSummary));
        }).ConfigureAwait(false);
        if (notifier is not null)
        {
            if (outcome.Verdict == Verdict.Failed)
            {
                notifier.Rollback(rollback);
            }

            sent = await notifier.FinishAsync(plan.Checklist.Notify.FlushTimeoutFor(cancellationToken.IsCancellationRequested))
                .ConfigureAwait(false);
            notifier = null;
            foreach (var failed in sent.Where(n => n.Outcome == NotificationOutcome.Failed))
            {
                context.Warn($"notification to {failed.Target} ({failed.Event}) failed: {failed.Detail}");
            }

            foreach (var unsent in sent.Where(n => n.Outcome == NotificationOutcome.NotSent))
            {
                context.Warn($"notifications to {unsent.Target}: {unsent.Detail}");
            }
        }

        var report = Report(rollback);
        var summary = MarkdownSummary.Write(report) + NotificationsSummary.Write(sent);
        context.Reports.Publish(report, summary, invocation.ReportJson, invocation.SummaryMd, invocation.ReportHtml);
        output.WriteLine();
        output.WriteLine(summary);
        return await context.ConcludeAsync(report, summary, invocation).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for release data scraped after the run began (<see cref="FreshnessBarrier"/>); null when it came, else why not.
    /// A release section whose queries have no selector can't be checked: it says so and goes on.
    /// </summary>
    private async Task<FreshnessOutcome?> AwaitFreshDataAsync(IMetricStore store, ReleaseLookup lookup, DateTimeOffset runStart,
        CancellationToken cancellationToken)
    {
        var output = context.Output;
        if (lookup.Freshness is not { } selector)
        {
            output.WriteLine("warning: release.releases has no series selector whose sample times show fresh data; set release.freshness");
            return null;
        }

        output.WriteLine($"Waiting for release data scraped since the run began ({selector}, at most {Quantities.PromDuration.Format(lookup.WaitFor)})…");
        var fresh = await FreshnessBarrier.WaitAsync(store, selector, runStart, lookup.WaitFor, ReleaseResolver.LookBack, context.Time, cancellationToken)
            .ConfigureAwait(false);
        if (fresh.State != FreshnessState.Fresh)
        {
            return fresh;
        }

        output.WriteLine($"Release data is fresh: newest sample {fresh.Newest!.Value.UtcDateTime:HH:mm:ss.fff} UTC, after waiting "
            + $"{fresh.Waited.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s.");
        return null;
    }

    /// <summary>The release data was not scraped since the run began: nothing can be judged (inconclusive, exit 3).</summary>
    private sealed class ReleaseDataStaleException(string message) : Exception(message);

    /// <summary>Which release the notifications are about (<see cref="VerificationPlan.Subject"/>), and where the run can be seen.</summary>
    private NotifyRelease Identity(VerificationPlan plan, Invocation invocation, ReleaseInfo release)
    {
        var subject = plan.Subject(release.Name);
        return new NotifyRelease(subject.Service, subject.Namespace, release.Name, RunLink.Find(context.Environment, context.Ci), invocation.DryRun)
        {
            RollbackExpected = plan.Checklist.Rollback.IsConfigured && invocation.RollsBack,
            Links = plan.Links(release.Name),
        };
    }

    private async Task<RollbackOutcome> RollBackAsync(SoakOutcome outcome, RollbackSettings settings, Invocation invocation, string? release,
        Action<RollbackOutcome> beforeStart)
    {
        if (outcome.Verdict != Verdict.Failed)
        {
            return RollbackOutcome.NotNeeded($"not needed: the verdict is {outcome.Verdict.ToWord()}");
        }

        if (invocation.DryRun)
        {
            return RollbackOutcome.NotAttempted("skipped: --dry-run");
        }

        if (invocation.NoRollback)
        {
            return RollbackOutcome.NotAttempted("skipped: --no-rollback (the caller rolls back)");
        }

        var request = new RollbackRequest(
            outcome.Verdict.ToWord(),
            outcome.FailedBlocking.Select(c => c.Check.Name).ToList(),
            outcome.Reason,
            outcome.Schedule.DeployedAt,
            outcome.DecidedAt)
        {
            Release = release,
        };
        var actions = RollbackActions.For(settings, context);
        if (actions.Count == 0)
        {
            return RollbackOutcome.NotAttempted("no rollback is configured (rollback: in the checklist)");
        }

        context.Output.WriteLine($"Verdict failed: rolling back ({outcome.Reason})");
        beforeStart(RollbackOutcome.Pending($"in progress since {context.Time.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"));

        // The rollback is not cancelled with the soak: a half-run rollback is worse than none.
        var result = await RollbackRunner.RunAsync(actions, request, CancellationToken.None).ConfigureAwait(false);
        var how = !result.Attempted ? "not run" : result.Succeeded ? "succeeded" : "FAILED";
        context.Output.WriteLine($"Rollback {how}: {result.Detail}");
        return result;
    }
}
