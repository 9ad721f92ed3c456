using DeployVerifier.Checklists;
using DeployVerifier.Cli.Options;
using DeployVerifier.Metrics;
using DeployVerifier.Tuning;

namespace DeployVerifier.Cli.Commands;

/// <summary>
/// <c>tune</c>: judge the labelled past releases once, find the values under which the checklist judges each as
/// labelled (<see cref="Tuner"/>), and write them into a copy of the checklist (<see cref="ChecklistEditor"/>), which is
/// read back as <c>verify</c> would read it. Exit 0 when the tuned checklist judges every labelled release as labelled,
/// 1 when no values do (naming the releases), 2 invalid input, 3 Prometheus unreachable.
/// </summary>
internal sealed class TuneCommand(CliContext context)
{
    public async Task<ExitCode> RunAsync(TuneOptions options, CancellationToken cancellationToken)
    {
        var output = context.Output;
        if (string.IsNullOrWhiteSpace(options.Out))
        {
            return context.InvalidInput([new ChecklistError("say where the tuned checklist goes: --out TUNED.yml (the checklist itself is never overwritten)")]);
        }

        var (releases, invalidInput) = PastReleases.Prepare(context, options, options.Parallel);
        if (releases is null)
        {
            return invalidInput;
        }

        var (window, parallel, invocation, plan, checklistText) = (releases.Window, releases.Parallel, releases.Invocation, releases.Plan, releases.ChecklistText);
        var outPath = Path.GetFullPath(options.Out);
        if (string.Equals(RealPath(outPath), RealPath(invocation.ChecklistPath), StringComparison.Ordinal))
        {
            return context.InvalidInput([new ChecklistError($"--out {options.Out} is the checklist itself; write the proposal to another file and compare them")]);
        }

        try
        {
            // Found out now, not after the whole tune: the proposal must be writable.
            Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return context.InvalidInput([new ChecklistError($"--out {options.Out} cannot be written: its folder cannot be created ({exception.Message})")]);
        }

        if (window.ReleasesFile is { } path && releases.Entries.All(e => e.Expected is null))
        {
            return context.InvalidInput([new ChecklistError(
                $"the releases file '{path}' labels no release; tune needs each release's verdict after its start (passed, failed or not-passed)")]);
        }

        if (window.ReleasesFile is null && window.LabelRollbacks is null)
        {
            return context.InvalidInput([new ChecklistError(
                "tune needs labelled releases: --releases FILE (each line a start and the verdict it deserved), or a window with --label-rollbacks WITHIN")]);
        }

        var (connection, candidates, failure) = await releases.FindAsync(context, "nothing was tuned", cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return failure;
        }

        using var connectionScope = connection;
        TuneResult result;
        var tuned = checklistText;
        IReadOnlyList<string> notes = [];
        try
        {
            output.WriteLine($"Tuning {invocation.ChecklistPath} on {candidates.Count} releases ({candidates.Count(c => c.Expected is not null)} labelled{(window.LabelRollbacksText is { } w ? $" by rollbacks within {w}" : "")}), "
                + $"soak {plan.SoakText}, {parallel} at a time.");
            result = await new Tuner(connection.Store, context.Time, parallel).TuneAsync(plan, candidates, changes =>
            {
                (tuned, var edited, var moved) = ChecklistEditor.Apply(checklistText, changes.Select(c => (c.Check, c.Key, c.After)));

                // A ${var} that moved is judged with its new value, as the notes tell the user to pass it.
                var vars = new Dictionary<string, string>(invocation.Vars, StringComparer.Ordinal);
                var given = moved.Where(m => invocation.Vars.ContainsKey(m.Key)).ToList();
                foreach (var (name, value) in moved)
                {
                    vars[name] = value;
                }

                notes = [.. edited, .. given.Select(g => $"--var {g.Key} was given at this run: pass --var {g.Key}={g.Value} from now on (a --var overrides the file)")];
                var reread = ChecklistLoader.Load(tuned, outPath, vars);
                return reread.Checklist?.Checks
                    ?? throw new InvalidOperationException($"the tuned checklist does not load: {string.Join("; ", reread.Errors.Select(e => e.ToString()))}");
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (MetricStoreAddressException address)
        {
            return context.InvalidInput([new ChecklistError(address.Message)]);
        }
        catch (MetricStoreUnavailableException unavailable)
        {
            context.Error.WriteLine($"error: Prometheus could not be read, so nothing was tuned: {unavailable.Message}");
            return ExitCode.Inconclusive;
        }

        try
        {
            File.WriteAllText(outPath, tuned);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return context.InvalidInput([new ChecklistError($"--out {options.Out} cannot be written ({exception.Message})")]);
        }

        foreach (var line in TuneText.Lines(result))
        {
            output.WriteLine(line);
        }

        foreach (var note in notes)
        {
            output.WriteLine($"Note: {note}");
        }

        output.WriteLine($"Wrote {options.Out}: the checklist with {result.Changes.Count + result.Tolerances.Count} values changed, comments and layout kept.");
        if (options.SummaryMd is { Length: > 0 } summary)
        {
            context.Reports.WriteReport(summary, TuneText.Markdown(result, invocation.ChecklistPath, notes), "Markdown summary");
        }

        return result.AllAsLabelled && result.Missed.Count == 0 && result.Unfixable.Count == 0 ? ExitCode.Passed : ExitCode.Failed;
    }

    /// <summary>The file a path names, links followed: an --out that is a link to the checklist is the checklist.</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }
}
