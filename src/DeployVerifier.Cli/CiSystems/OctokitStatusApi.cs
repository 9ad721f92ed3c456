using Octokit;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>
/// Posts through Octokit: a deployment status when a deployment id was given, else a commit status on the run's
/// commit with the context <c>deploy-verifier</c>.
/// </summary>
internal sealed class OctokitStatusApi(IGitHubClient client, string owner, string name, long? deploymentId, string? sha, string? logUrl)
    : IGitHubStatusApi
{
    public const string Context = "deploy-verifier";

    public string Target => deploymentId is { } id ? $"deployment {id} of {owner}/{name}" : $"commit {sha?[..Math.Min(7, sha.Length)]} of {owner}/{name}";

    public async Task PostAsync(GitHubStatusState state, string description, CancellationToken cancellationToken)
    {
        if (deploymentId is { } id)
        {
            var status = new NewDeploymentStatus(state switch
            {
                GitHubStatusState.InProgress => DeploymentState.InProgress,
                GitHubStatusState.Success => DeploymentState.Success,
                GitHubStatusState.Failure => DeploymentState.Failure,
                _ => DeploymentState.Error,
            })
            {
                Description = description,
                LogUrl = logUrl,
            };
            await client.Repository.Deployment.Status.Create(owner, name, id, status).ConfigureAwait(false);
            return;
        }

        var commit = new NewCommitStatus
        {
            State = state switch
            {
                GitHubStatusState.InProgress => CommitState.Pending,
                GitHubStatusState.Success => CommitState.Success,
                GitHubStatusState.Failure => CommitState.Failure,
                _ => CommitState.Error,
            },
            Description = description,
            TargetUrl = logUrl,
            Context = Context,
        };
        await client.Repository.Status.Create(owner, name, sha, commit).ConfigureAwait(false);
    }
}
