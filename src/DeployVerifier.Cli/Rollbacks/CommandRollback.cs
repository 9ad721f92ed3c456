using System.Diagnostics;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Rollbacks;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>
/// Runs the rollback program without a shell, with the verdict in its environment
/// (<c>DEPLOY_VERIFIER_VERDICT</c>, <c>DEPLOY_VERIFIER_FAILED_CHECKS</c>, <c>DEPLOY_VERIFIER_REASON</c>,
/// <c>DEPLOY_VERIFIER_DEPLOYED_AT</c>), and kills it when it overruns its timeout. It inherits only the base variables
/// (<see cref="ChecklistDefaults.RollbackCommandEnvironment"/>) and those its <c>passEnv</c> names: the tokens of the
/// CI job are not its business unless the checklist says so.
/// </summary>
internal sealed class CommandRollback(RollbackCommand command, TextWriter log, IEnvironment environment, TimeProvider time) : IRollbackAction
{
    public async Task<RollbackActionResult> RunAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command.Program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = command.WorkingDirectory ?? "",
        };
        foreach (var argument in command.Args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var name in ChecklistDefaults.RollbackCommandEnvironment.Concat(command.PassEnv))
        {
            if (environment.Get(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["DEPLOY_VERIFIER_VERDICT"] = request.Verdict;
        start.Environment["DEPLOY_VERIFIER_FAILED_CHECKS"] = string.Join(",", request.FailedChecks);
        start.Environment["DEPLOY_VERIFIER_REASON"] = request.Reason;
        start.Environment["DEPLOY_VERIFIER_DEPLOYED_AT"] = request.DeployedAt.ToString("O");
        var what = $"command '{command.Program}'";
        var started = time.GetTimestamp();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("the process did not start");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new RollbackActionResult("command", false, $"{what} could not start: {exception.Message}");
        }

        using (process)
        {
            // The timeout covers the program and its output: a process it started may hold the output open long after
            // it exits (a daemon, forever), and reading would wait for it.
            using var timeout = new CancellationTokenSource(command.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            var output = Pipe(process.StandardOutput, linked.Token);
            var errors = Pipe(process.StandardError, linked.Token);
            var limit = Quantities.PromDuration.Format(command.Timeout);
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                var why = timeout.IsCancellationRequested ? $"timed out after {limit} and was killed" : "was stopped by cancellation";
                return new RollbackActionResult("command", false, $"{what} {why}");
            }

            var exited = Describe(process.ExitCode, time.GetElapsedTime(started));
            try
            {
                await Task.WhenAll(output, errors).WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // What it left running is no longer its child: only the ones still in its tree can be found and killed.
                Kill(process);
                var why = timeout.IsCancellationRequested
                    ? $"a process it started still held its output at the timeout ({limit}); stopped reading it"
                    : "reading its output was stopped by cancellation";
                return new RollbackActionResult("command", process.ExitCode == 0, $"{what} {exited}, but {why}");
            }

            return new RollbackActionResult("command", process.ExitCode == 0, $"{what} {exited}");
        }
    }

    private static string Describe(int exitCode, TimeSpan elapsed) =>
        $"exited {exitCode} after {elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s";

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // It exited meanwhile, or its tree can't be walked: there is nothing more to stop.
        }
    }

    private async Task Pipe(StreamReader reader, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && await reader.ReadLineAsync(stop).ConfigureAwait(false) is { } line)
        {
            lock (log)
            {
                log.WriteLine($"  rollback | {line}");
            }
        }
    }
}
