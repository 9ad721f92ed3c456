using System.Diagnostics;
using DeployVerifier.Checklists;
using DeployVerifier.Rollbacks;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>
/// Runs the rollback program without a shell, with the verdict in its environment
/// (<c>DEPLOY_VERIFIER_VERDICT</c>, <c>DEPLOY_VERIFIER_FAILED_CHECKS</c>, <c>DEPLOY_VERIFIER_REASON</c>,
/// <c>DEPLOY_VERIFIER_DEPLOYED_AT</c>), and kills it when it overruns its timeout.
/// </summary>
internal sealed class CommandRollback(RollbackCommand command, TextWriter log, TimeProvider time) : IRollbackAction
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
            var output = Pipe(process.StandardOutput);
            var errors = Pipe(process.StandardError);
            using var timeout = new CancellationTokenSource(command.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
                await Task.WhenAll(output, errors).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                var why = timeout.IsCancellationRequested ? $"timed out after {Quantities.PromDuration.Format(command.Timeout)} and was killed" : "was stopped by cancellation";
                return new RollbackActionResult("command", false, $"{what} {why}");
            }

            var elapsed = time.GetElapsedTime(started);
            var seconds = elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            return process.ExitCode == 0
                ? new RollbackActionResult("command", true, $"{what} exited 0 after {seconds} s")
                : new RollbackActionResult("command", false, $"{what} exited {process.ExitCode} after {seconds} s");
        }
    }

    private async Task Pipe(StreamReader reader)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (log)
            {
                log.WriteLine($"  rollback | {line}");
            }
        }
    }
}
