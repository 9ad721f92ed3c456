using System.Globalization;
using System.Net;
using Octokit;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>What a failed GitHub API call says to the person who must fix it: the status code and the permission the token lacks.</summary>
internal static class GitHubApiErrors
{
    /// <param name="exception">What the call threw.</param>
    /// <param name="permission">The workflow permission the call needs, e.g. <c>actions: write</c>.</param>
    public static string Describe(Exception exception, string permission)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is not ApiException { StatusCode: var status } api)
        {
            return exception.Message;
        }

        var code = string.Create(CultureInfo.InvariantCulture, $"GitHub answered {(int)status} {status}");
        return status switch
        {
            HttpStatusCode.Forbidden or HttpStatusCode.NotFound =>
                $"{code}: the workflow's token needs `permissions: {permission}` (and access to the repository); {api.Message}",
            HttpStatusCode.Unauthorized => $"{code}: the token is missing, expired or wrong; {api.Message}",
            _ => $"{code}: {api.Message}",
        };
    }
}
