using DeployVerifier.Checklists;
using DeployVerifier.Cli.CiSystems;
using DeployVerifier.Cli.Environment;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Where people can see the run: <c>DEPLOY_VERIFIER_RUN_URL</c> when set, else the CI system's own page for the run
/// (<see cref="ICiSystem.RunUrl"/>); null otherwise. Only an http(s) address without credentials is a link.
/// </summary>
internal static class RunLink
{
    public static Uri? Find(IEnvironment environment, ICiSystem ci) =>
        environment.Get("DEPLOY_VERIFIER_RUN_URL") is { Length: > 0 } given ? Parse(given) : ci.RunUrl;

    /// <summary>The address, when it is an absolute http(s) one without credentials (<see cref="HttpAddress"/>); else null.</summary>
    public static Uri? Parse(string? text) => text is null ? null : HttpAddress.Parse(text, "", out _);
}
