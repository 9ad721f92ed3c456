using DeployVerifier.Checklists;
using DeployVerifier.Cli.Options;
using DeployVerifier.Reports;

namespace DeployVerifier.Cli.Commands;

/// <summary>
/// <c>merge-backtests</c>: reads the JSON reports of every shard of one backtest (<c>backtest --shard I/N</c>), joins
/// them as <see cref="BacktestMerge"/> allows, and writes the reports and exits as one <c>backtest</c> run would have.
/// Exit 2 when a file can't be read or the shards don't belong together (nothing is written), else as <c>backtest</c>.
/// </summary>
internal sealed class MergeBacktestsCommand(CliContext context)
{
    public ExitCode Run(MergeBacktestsOptions options)
    {
        context.RegisterSecrets(null);
        var files = new List<(string Path, string Text)>();
        var errors = new List<ChecklistError>();
        foreach (var path in options.Reports)
        {
            try
            {
                files.Add((path, File.ReadAllText(path)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                var why = exception is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read ({exception.Message})";
                errors.Add(new ChecklistError($"the report '{path}' {why}"));
            }
        }

        if (errors.Count > 0)
        {
            return context.InvalidInput(errors);
        }

        var (report, mergeErrors) = BacktestMerge.Merge(files);
        if (report is null)
        {
            return context.InvalidInput(mergeErrors);
        }

        context.Output.WriteLine($"{report.Selection}: merged {files.Count} shards' reports of {report.Totals.Releases} releases.");
        return BacktestConclusion.Conclude(context, report, options);
    }
}
