using DeployVerifier.Cli.Environment;
using Octokit;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>
/// Builds the Octokit client from the runner's variables: the token from the <c>github-token</c> input or
/// <c>GITHUB_TOKEN</c>, the API from <c>GITHUB_API_URL</c> (default https://api.github.com; Octokit appends
/// <c>/api/v3/</c> to any other host, as GitHub Enterprise Server needs).
/// </summary>
internal static class GitHubClientFactory
{
    /// <summary>Each API call gives up after 20 seconds: a side channel must not hold the verdict back.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    public static string? Token(IEnvironment environment) =>
        new[] { "INPUT_GITHUB-TOKEN", "GITHUB_TOKEN" }.Select(environment.Get).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    public static GitHubClient Create(IEnvironment environment, string token)
    {
        // InvocationResolver refuses a malformed GITHUB_API_URL before the soak; this only guards the default.
        var api = environment.Get("GITHUB_API_URL") is { Length: > 0 } url && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var given)
            ? given
            : GitHubClient.GitHubApiUrl;
        var client = new GitHubClient(new ProductHeaderValue(ToolInfo.Name, ToolInfo.Version), api)
        {
            Credentials = new Credentials(token),
        };
        client.SetRequestTimeout(RequestTimeout);
        return client;
    }

    /// <summary>Splits <c>owner/name</c>; null when it is not one.</summary>
    public static (string Owner, string Name)? Repository(string? text) =>
        text?.Split('/') is [{ Length: > 0 } owner, { Length: > 0 } name] ? (owner, name) : null;

    /// <summary>The run's page, <c>$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID</c>, when all three are set.</summary>
    public static string? RunUrl(IEnvironment environment) =>
        (environment.Get("GITHUB_SERVER_URL"), environment.Get("GITHUB_REPOSITORY"), environment.Get("GITHUB_RUN_ID")) is
            ({ Length: > 0 } server, { Length: > 0 } repository, { Length: > 0 } run)
            ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{run}"
            : null;
}
