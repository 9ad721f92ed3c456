using DeployVerifier.Cli.Environment;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Where people can see the run: <c>DEPLOY_VERIFIER_RUN_URL</c> when set, else the GitHub Actions run
/// (<c>GITHUB_SERVER_URL</c>/<c>GITHUB_REPOSITORY</c>/actions/runs/<c>GITHUB_RUN_ID</c>) or the Azure Pipelines build
/// (<c>SYSTEM_COLLECTIONURI</c><c>SYSTEM_TEAMPROJECT</c>/_build/results?buildId=<c>BUILD_BUILDID</c>); null otherwise.
/// </summary>
internal static class RunLink
{
    public static Uri? Find(IEnvironment environment)
    {
        var text = environment.Get("DEPLOY_VERIFIER_RUN_URL") is { Length: > 0 } given
            ? given
            : CiSystems.GitHubClientFactory.RunUrl(environment)
                ?? ((environment.Get("SYSTEM_COLLECTIONURI"), environment.Get("SYSTEM_TEAMPROJECT"), environment.Get("BUILD_BUILDID")) is
                    ({ Length: > 0 } collection, { Length: > 0 } project, { Length: > 0 } build)
                    ? $"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={Uri.EscapeDataString(build)}"
                    : null);
        return text is not null && Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.UserInfo.Length == 0 ? url : null;
    }
}
