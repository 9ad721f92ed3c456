using System.Diagnostics;

namespace DeployVerifier.Support;

/// <summary>Runs the built <c>deploy-verifier.dll</c> (copied next to the tests) as a real process with a clean environment.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory,
        CancellationToken cancellationToken)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "deploy-verifier.dll");
        var info = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The tests may themselves run in GitHub Actions or Azure Pipelines: nothing of that may leak into the child.
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("GITHUB_", StringComparison.Ordinal) || key.StartsWith("INPUT_", StringComparison.Ordinal)
                || key.StartsWith("DEPLOY_VERIFIER_", StringComparison.Ordinal) || key.StartsWith("SYSTEM_", StringComparison.Ordinal)
                || key.StartsWith("AGENT_", StringComparison.Ordinal) || key is "TF_BUILD" or "PROMETHEUS_URL" or "RUNNER_TEMP")
            {
                info.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("deploy-verifier did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
