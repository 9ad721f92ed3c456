using System.Globalization;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.CiSystems;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Rollbacks;
using Octokit;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>
/// Dispatches a GitHub Actions workflow (<c>workflow_dispatch</c>) whose inputs carry the verdict. GitHub answers 204
/// without a run id, so success means the dispatch was accepted.
/// </summary>
internal sealed class GitHubWorkflowRollback(RollbackGithubWorkflow workflow, IEnvironment environment, Func<string, IGitHubClient>? clients = null)
    : IRollbackAction
{
    private const string Kind = "githubWorkflow";

    public async Task<RollbackActionResult> RunAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        var repositoryText = workflow.Repository ?? environment.Get("GITHUB_REPOSITORY");
        var reference = workflow.Ref ?? environment.Get("GITHUB_REF");
        var what = $"workflow {workflow.Workflow} of {repositoryText ?? "(no repository)"}";
        if (GitHubClientFactory.Token(environment) is not { } token)
        {
            return new RollbackActionResult(Kind, false,
                $"{what} not dispatched: no GitHub token; pass the github-token input or set GITHUB_TOKEN (it needs actions: write)");
        }

        if (GitHubClientFactory.Repository(repositoryText) is not { } repository)
        {
            return new RollbackActionResult(Kind, false, $"{what} not dispatched: set rollback.githubWorkflow.repository or GITHUB_REPOSITORY to owner/name");
        }

        if (string.IsNullOrWhiteSpace(reference))
        {
            return new RollbackActionResult(Kind, false, $"{what} not dispatched: set rollback.githubWorkflow.ref (GITHUB_REF is not set)");
        }

        var values = RollbackPlaceholders.Values(request);
        var dispatch = new CreateWorkflowDispatch(reference)
        {
            Inputs = workflow.Inputs.ToDictionary(i => i.Key, i => (object)RollbackPlaceholders.Replace(i.Value, values), StringComparer.Ordinal),
        };
        var client = clients is not null ? clients(token) : GitHubClientFactory.Create(environment, token);
        try
        {
            var (owner, name) = repository;
            var dispatched = long.TryParse(workflow.Workflow, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? client.Actions.Workflows.CreateDispatch(owner, name, id, dispatch)
                : client.Actions.Workflows.CreateDispatch(owner, name, workflow.Workflow, dispatch);
            await dispatched.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new RollbackActionResult(Kind, true, $"{what} dispatched on {reference}");
        }
        catch (Exception exception) when (exception is ApiException or HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            return new RollbackActionResult(Kind, false, $"{what} could not be dispatched: {GitHubApiErrors.Describe(exception, "actions: write")}");
        }
    }
}
