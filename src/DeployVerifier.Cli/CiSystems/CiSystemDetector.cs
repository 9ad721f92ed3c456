using DeployVerifier.Cli.Environment;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>Picks the CI system from the environment: <c>GITHUB_ACTIONS=true</c>, <c>TF_BUILD=True</c>, else the plain console.</summary>
internal static class CiSystemDetector
{
    public static ICiSystem Detect(IEnvironment environment, TextWriter output, TextWriter error, ISideFiles files)
    {
        if (string.Equals(environment.Get("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new GitHubActions(environment, output, files);
        }

        if (string.Equals(environment.Get("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new AzurePipelines(environment, output, files);
        }

        return new LocalConsole(error);
    }
}
