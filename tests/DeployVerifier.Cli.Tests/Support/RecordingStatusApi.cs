using DeployVerifier.Cli.CiSystems;

namespace DeployVerifier.Support;

/// <summary>Records the statuses posted, or fails each post like a server that is down.</summary>
internal sealed class RecordingStatusApi : IGitHubStatusApi
{
    public List<string> Posted { get; } = [];

    public bool Fails { get; init; }

    public string Target => "deployment 42";

    public Task PostAsync(GitHubStatusState state, string description, CancellationToken cancellationToken)
    {
        if (Fails)
        {
            throw new HttpRequestException("connection refused");
        }

        lock (Posted)
        {
            Posted.Add($"{state}: {description}");
        }

        return Task.CompletedTask;
    }
}
