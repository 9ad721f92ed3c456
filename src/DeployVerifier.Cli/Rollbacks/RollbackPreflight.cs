using DeployVerifier.Checklists;
using DeployVerifier.Cli.CiSystems;
using DeployVerifier.Cli.Environment;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>
/// Whether the configured rollback can be attempted here: the command's program exists and is executable, the
/// variables it and the webhook need are set, the CI token is there. <c>verify</c> refuses to soak when one can't
/// (a failure found after 30 minutes is a rollback that never happens); <c>validate</c> and <c>--dry-run</c> only warn,
/// since pull-request CI has neither the program nor the tokens.
/// </summary>
internal static class RollbackPreflight
{
    public static IReadOnlyList<ChecklistError> Problems(RollbackSettings settings, IEnvironment environment)
    {
        var problems = new List<ChecklistError>();
        void Add(string key, string message) => problems.Add(new ChecklistError(message, settings.Locations.TryGetValue(key, out var at) ? at : null));

        if (settings.Command is { } command)
        {
            if (Find(command.Program, environment) is null)
            {
                Add("command", $"rollback.command.program: '{command.Program}' is not an executable file here"
                    + (command.Program.Contains('/', StringComparison.Ordinal) ? "" : " nor on PATH")
                    + "; install it in the image or runner, or give its full path");
            }

            foreach (var name in command.PassEnv.Where(n => string.IsNullOrEmpty(environment.Get(n))))
            {
                Add("command", $"rollback.command.passEnv: {name} is not set; the rollback command needs it");
            }
        }

        if (settings.Webhook is { } webhook)
        {
            foreach (var (header, name) in webhook.HeadersFromEnv.Where(h => string.IsNullOrEmpty(environment.Get(h.Value))))
            {
                Add("webhook", $"rollback.webhook.headersFromEnv.{header}: {name} is not set");
            }
        }

        if (settings.GithubWorkflow is { } workflow)
        {
            if (GitHubClientFactory.Token(environment) is null)
            {
                Add("githubWorkflow", "rollback.githubWorkflow: no GitHub token; pass the github-token input or set GITHUB_TOKEN (it needs actions: write)");
            }

            if (GitHubClientFactory.Repository(workflow.Repository ?? environment.Get("GITHUB_REPOSITORY")) is null)
            {
                Add("githubWorkflow", "rollback.githubWorkflow: set repository or GITHUB_REPOSITORY to owner/name");
            }
        }

        if (settings.AzurePipeline is not null && string.IsNullOrEmpty(environment.Get("SYSTEM_ACCESSTOKEN")))
        {
            Add("azurePipeline", "rollback.azurePipeline: SYSTEM_ACCESSTOKEN is not set; map it into the step (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken))");
        }

        if (settings.Kubernetes is { } kubernetes && KubernetesCredentials.Find(kubernetes, environment).Problem is { } missing)
        {
            Add("kubernetes", missing);
        }

        return problems;
    }

    /// <summary>The program's path when it is an executable file (as given, or found on PATH); else null.</summary>
    internal static string? Find(string program, IEnvironment environment)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return IsExecutable(program) ? program : null;
        }

        return (environment.Get("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
