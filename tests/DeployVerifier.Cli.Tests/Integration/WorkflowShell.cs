using System.Diagnostics;

namespace DeployVerifier.Integration;

/// <summary>
/// Runs an example workflow step's <c>run:</c> script as the runner does in the image (<c>bash -e</c>), with the image's
/// <c>/app/deploy-verifier</c> being the CLI built here, or a stand-in.
/// </summary>
internal static class WorkflowShell
{
    /// <summary>The CLI built here, as a command line for the script.</summary>
    public static string BuiltCli => $"dotnet '{Path.Combine(AppContext.BaseDirectory, "deploy-verifier.dll")}'";

    /// <param name="workspace">The checkout: the step's working directory.</param>
    /// <param name="script">The step's <c>run:</c> text.</param>
    /// <param name="environment">The step's variables (its <c>env:</c>, <c>GITHUB_OUTPUT</c>).</param>
    /// <param name="cli">What stands for <c>/app/deploy-verifier</c>; the CLI built here by default.</param>
    public static async Task<ProcessResult> RunAsync(string workspace, string script, IReadOnlyDictionary<string, string> environment, string? cli = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script.Replace("/app/deploy-verifier", cli ?? BuiltCli, StringComparison.Ordinal));

        // As DeployVerifierProcess: nothing of the test host's CI may leak in; the step's variables are given.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal) || k == "TF_BUILD"
            || k.StartsWith("INPUT_", StringComparison.Ordinal) || k.StartsWith("DEPLOY_VERIFIER_", StringComparison.Ordinal) || k == "PROMETHEUS_URL").ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
