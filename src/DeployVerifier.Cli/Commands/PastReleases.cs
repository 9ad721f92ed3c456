using DeployVerifier.Backtests;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Options;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Quantities;
using DeployVerifier.Releases;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli.Commands;

/// <summary>
/// What <c>backtest</c> and <c>tune</c> do alike before they judge, in one place so that both refuse the same input in
/// the same words: <see cref="Prepare"/> resolves the releases asked for (a window or a file), <c>--parallel</c>, the
/// plan and the checklist's text, with no network; <see cref="FindAsync"/> then reaches the store, preflights the
/// queries, lists the releases and, with <c>--label-rollbacks</c>, labels them.
/// </summary>
/// <param name="Window">The releases asked for.</param>
/// <param name="Parallel">Releases judged at once.</param>
/// <param name="Invocation">The arguments and environment, resolved.</param>
/// <param name="Plan">The checklist, planned.</param>
/// <param name="ChecklistText">The checklist file's text, for a fingerprint or a tuned copy.</param>
/// <param name="Entries">The releases file's lines; empty with a window.</param>
internal sealed record PastReleases(BacktestWindow Window, int Parallel, Invocation Invocation, VerificationPlan Plan, string ChecklistText,
    IReadOnlyList<ReleaseListEntry> Entries)
{
    /// <summary>The releases, the plan and the checklist's text, or the exit code of the first refusal (printed).</summary>
    public static (PastReleases? Releases, ExitCode Failure) Prepare<TOptions>(CliContext context, TOptions options, int? parallel)
        where TOptions : ICommonOptions, IReleaseWindowOptions
    {
        var (window, windowErrors) = BacktestWindow.Resolve(options, context.Time.GetUtcNow());
        if (window is null)
        {
            return (null, context.InvalidInput(windowErrors));
        }

        var concurrency = parallel ?? BacktestRunner.DefaultConcurrentReleases;
        if (concurrency is < 1 or > BacktestRunner.MaxConcurrentReleases)
        {
            return (null, context.InvalidInput([new ChecklistError($"--parallel {concurrency} is not from 1 to {BacktestRunner.MaxConcurrentReleases}")]));
        }

        if (!context.TryPrepare(options, out var invocation, out var plan, out var invalidInput, StoreNeed.Required))
        {
            return (null, invalidInput);
        }

        string checklistText;
        try
        {
            checklistText = File.ReadAllText(invocation.ChecklistPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, context.InvalidInput([new ChecklistError($"the checklist file '{invocation.ChecklistPath}' cannot be read again ({exception.Message})")]));
        }

        IReadOnlyList<ReleaseListEntry> entries = [];
        if (window.ReleasesFile is { } path)
        {
            var (read, errors) = ReadReleases(path);
            if (errors.Count > 0)
            {
                return (null, context.InvalidInput(errors));
            }

            entries = read;
        }
        else if (plan.ReleaseLookup is null)
        {
            return (null, context.InvalidInput([new ChecklistError(
                "the checklist has no release section, so past releases can't be found in a window; add one, or list the releases' starts with --releases FILE")]));
        }

        return (new PastReleases(window, concurrency, invocation, plan, checklistText, entries), ExitCode.Passed);
    }

    /// <summary>
    /// Reaches the store, preflights the checks' and the release section's queries, and lists the releases (labelled by
    /// rollbacks when asked); on a refusal the exit code (printed): 2 invalid input, 3 when Prometheus can't be read
    /// (<paramref name="notDone"/> says what was not done, e.g. "no release was judged").
    /// </summary>
    public async Task<(StoreConnection? Connection, IReadOnlyList<BacktestCandidate> Candidates, ExitCode Failure)> FindAsync(CliContext context,
        string notDone, CancellationToken cancellationToken)
    {
        // The plan refuses an invocation without an address (StoreNeed.Required).
        var url = Plan.PrometheusUrl ?? throw new InvalidOperationException("a plan for the store has its address");
        var (connection, connectionErrors) = context.Connect(Plan.Checklist.Prometheus, url);
        if (connection is null)
        {
            return (null, [], context.InvalidInput(connectionErrors));
        }

        var failure = ExitCode.Passed;
        IReadOnlyList<BacktestCandidate> candidates = [];
        try
        {
            var now = context.Time.GetUtcNow();
            var invalid = await SoakPreflight.RunAsync(connection.Store, Plan.Render(now, null), now, cancellationToken, Plan.ReleaseQueries()).ConfigureAwait(false);
            var (found, errors) = invalid.Count > 0 ? ([], invalid) : await CandidatesAsync(connection.Store, cancellationToken).ConfigureAwait(false);
            if (errors.Count > 0)
            {
                failure = context.InvalidInput(errors);
            }
            else
            {
                candidates = Window.LabelRollbacks is { } within && Plan.ReleaseLookup is { } lookup
                    ? await RollbackLabeler.LabelAsync(connection.Store, lookup, found, within, now, cancellationToken).ConfigureAwait(false)
                    : found;
            }
        }
        catch (MetricStoreAddressException address)
        {
            failure = context.InvalidInput([new ChecklistError(address.Message)]);
        }
        catch (MetricStoreUnavailableException unavailable)
        {
            context.Error.WriteLine($"error: Prometheus could not be read, so {notDone}: {unavailable.Message}");
            failure = ExitCode.Inconclusive;
        }

        if (failure != ExitCode.Passed)
        {
            connection.Dispose();
            return (null, [], failure);
        }

        return (connection, candidates, failure);
    }

    /// <summary>How the releases were chosen, for the console and the reports.</summary>
    public string Describe(int count) => Window.ReleasesFile is { } file
        ? $"The {count} releases listed in {file}"
        : $"Releases that started from {Rfc3339.Format(Window.From!.Value)} to {Rfc3339.Format(Window.To!.Value)}"
            + (Window.LabelRollbacksText is { } within ? $", labelled by rollbacks within {within}" : "");

    private static (IReadOnlyList<ReleaseListEntry> Entries, IReadOnlyList<ChecklistError> Errors) ReadReleases(string path)
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
    private async Task<(IReadOnlyList<BacktestCandidate> Candidates, IReadOnlyList<ChecklistError> Errors)> CandidatesAsync(IMetricStore store,
        CancellationToken cancellationToken)
    {
        var soak = Plan.Soak.Duration;
        if (Plan.ReleaseLookup is not { } lookup)
        {
            return (BacktestSelection.Unidentified(Entries), []);
        }

        var (from, to) = Window.ReleasesFile is null
            ? BacktestSelection.DiscoveryRange(Window.From!.Value, Window.To!.Value, soak, Plan.BaselineWindow)
            : BacktestSelection.DiscoveryRange(Entries.Min(e => e.At) - soak - ReleaseResolver.LookBack, Entries.Max(e => e.At), soak, Plan.BaselineWindow);
        var found = await ReleaseFinder.ListAsync(store, lookup, from, to, cancellationToken).ConfigureAwait(false);
        if (Window.ReleasesFile is { } path)
        {
            return BacktestSelection.FromList(found, Entries, path);
        }

        var inWindow = BacktestSelection.InWindow(found, Window.From!.Value, Window.To!.Value);
        return inWindow.Count > 0
            ? (inWindow, [])
            : ([], [new ChecklistError($"release.releases found no release that started between {Rfc3339.Format(Window.From!.Value)} and {Rfc3339.Format(Window.To!.Value)}; "
                + $"check the window, the query and the --var values it uses (query: {lookup.ReleasesQuery})")]);
    }
}
