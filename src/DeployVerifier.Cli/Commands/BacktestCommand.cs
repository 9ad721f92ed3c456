using DeployVerifier.Backtests;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Options;
using DeployVerifier.Cli.Output;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Quantities;
using DeployVerifier.Releases;
using DeployVerifier.Reports;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli.Commands;

/// <summary>
/// <c>backtest</c>: plan once, preflight the store, list the past releases (in a window, or those a file names), judge
/// each as <c>verify</c> would have, several at a time and without waiting, and write the reports. No rollback, CI
/// status or notification. Exit 2 invalid input, 4 internal error (from the entry point), 3 when Prometheus could
/// not be read (or the run was cancelled), 1 when a verdict differs from the one the file expects, else 0.
/// </summary>
internal sealed class BacktestCommand(CliContext context)
{
    public async Task<ExitCode> RunAsync(BacktestOptions options, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var (window, windowErrors) = BacktestWindow.Resolve(options, context.Time.GetUtcNow());
        if (window is null)
        {
            return context.InvalidInput(windowErrors);
        }

        var parallel = options.Parallel ?? BacktestRunner.DefaultConcurrentReleases;
        if (parallel is < 1 or > BacktestRunner.MaxConcurrentReleases)
        {
            return context.InvalidInput([new ChecklistError($"--parallel {parallel} is not from 1 to {BacktestRunner.MaxConcurrentReleases}")]);
        }

        if (!context.TryPrepare(options, out var invocation, out var plan, out var invalidInput, StoreNeed.Required))
        {
            return invalidInput;
        }

        // What the report records of the checklist, so that only shards of one checklist are merged.
        string checklistText;
        try
        {
            checklistText = File.ReadAllText(invocation.ChecklistPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return context.InvalidInput([new ChecklistError($"the checklist file '{invocation.ChecklistPath}' cannot be read again ({exception.Message})")]);
        }

        IReadOnlyList<ReleaseListEntry> entries = [];
        if (window.ReleasesFile is { } path)
        {
            var (read, errors) = ReadReleases(path);
            if (errors.Count > 0)
            {
                return context.InvalidInput(errors);
            }

            entries = read;
        }
        else if (plan.ReleaseLookup is null)
        {
            return context.InvalidInput([new ChecklistError(
                "the checklist has no release section, so past releases can't be found in a window; add one, or list the releases' starts with --releases FILE")]);
        }

        // The plan refuses an invocation without an address (StoreNeed.Required).
        var url = plan.PrometheusUrl ?? throw new InvalidOperationException("a plan for the store has its address");

        var (connection, connectionErrors) = context.Connect(plan.Checklist.Prometheus, url);
        if (connection is null)
        {
            return context.InvalidInput(connectionErrors);
        }

        using var connectionScope = connection;
        var now = context.Time.GetUtcNow();
        IReadOnlyList<BacktestCandidate> candidates;
        try
        {
            var invalid = await SoakPreflight.RunAsync(connection.Store, plan.Render(now, null), now, cancellationToken, plan.ReleaseQueries()).ConfigureAwait(false);
            if (invalid.Count > 0)
            {
                return context.InvalidInput(invalid);
            }

            var (found, errors) = await CandidatesAsync(connection.Store, plan, window, entries, cancellationToken).ConfigureAwait(false);
            if (errors.Count > 0)
            {
                return context.InvalidInput(errors);
            }

            candidates = window.LabelRollbacks is { } within && plan.ReleaseLookup is { } lookup
                ? await RollbackLabeler.LabelAsync(connection.Store, lookup, found, within, now, cancellationToken).ConfigureAwait(false)
                : found;
        }
        catch (MetricStoreAddressException address)
        {
            return context.InvalidInput([new ChecklistError(address.Message)]);
        }
        catch (MetricStoreUnavailableException unavailable)
        {
            context.Error.WriteLine($"error: Prometheus could not be read, so no release was judged: {unavailable.Message}");
            return ExitCode.Inconclusive;
        }

        var selection = Describe(window, candidates.Count);
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

    internal static (IReadOnlyList<ReleaseListEntry> Entries, IReadOnlyList<ChecklistError> Errors) ReadReleases(string path)
    {
        try
        {
            return ReleaseList.Parse(File.ReadAllText(path), path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var why = exception is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read ({exception.Message})";
            return ([], [new ChecklistError($"the releases file '{path}' {why}")]);
        }
    }

    /// <summary>Lists the releases once, over a range that holds every one asked for and its neighbours.</summary>
    internal static async Task<(IReadOnlyList<BacktestCandidate> Candidates, IReadOnlyList<ChecklistError> Errors)> CandidatesAsync(IMetricStore store,
        VerificationPlan plan, BacktestWindow window, IReadOnlyList<ReleaseListEntry> entries, CancellationToken cancellationToken)
    {
        var soak = plan.Soak.Duration;
        if (plan.ReleaseLookup is not { } lookup)
        {
            return (BacktestSelection.Unidentified(entries), []);
        }

        var (from, to) = window.ReleasesFile is null
            ? BacktestSelection.DiscoveryRange(window.From!.Value, window.To!.Value, soak, plan.BaselineWindow)
            : BacktestSelection.DiscoveryRange(entries.Min(e => e.At) - soak - ReleaseResolver.LookBack, entries.Max(e => e.At), soak, plan.BaselineWindow);
        var found = await ReleaseFinder.ListAsync(store, lookup, from, to, cancellationToken).ConfigureAwait(false);
        if (window.ReleasesFile is { } path)
        {
            return BacktestSelection.FromList(found, entries, path);
        }

        var inWindow = BacktestSelection.InWindow(found, window.From!.Value, window.To!.Value);
        return inWindow.Count > 0
            ? (inWindow, [])
            : ([], [new ChecklistError($"release.releases found no release that started between {Rfc3339.Format(window.From!.Value)} and {Rfc3339.Format(window.To!.Value)}; "
                + $"check the window, the query and the --var values it uses (query: {lookup.ReleasesQuery})")]);
    }

    private static string Describe(BacktestWindow window, int count) => window.ReleasesFile is { } file
        ? $"The {count} releases listed in {file}"
        : $"Releases that started from {Rfc3339.Format(window.From!.Value)} to {Rfc3339.Format(window.To!.Value)}"
            + (window.LabelRollbacksText is { } within ? $", labelled by rollbacks within {within}" : "");
}
