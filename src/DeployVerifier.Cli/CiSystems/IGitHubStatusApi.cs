namespace DeployVerifier.Cli.CiSystems;

/// <summary>Where statuses go: a deployment's statuses, or a commit status. Throws on failure; the reporter catches.</summary>
internal interface IGitHubStatusApi
{
    /// <summary>What is updated, for the summary: "deployment 42 of octo/shop".</summary>
    string Target { get; }

    Task PostAsync(GitHubStatusState state, string description, CancellationToken cancellationToken);
}
