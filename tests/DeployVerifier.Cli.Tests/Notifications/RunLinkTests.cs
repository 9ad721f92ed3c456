using DeployVerifier.Cli.CiSystems;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Notifications;

namespace DeployVerifier.Notifications;

/// <summary>Where people can see the run: the override, else the CI system's own page.</summary>
[TestClass]
public sealed class RunLinkTests
{
    private static DictionaryEnvironment Env(params (string Name, string Value)[] values) => new(values.ToDictionary(v => v.Name, v => v.Value));

    [TestMethod]
    public void Find_GitHubActions_TheRunsPage()
    {
        var env = Env(("GITHUB_SERVER_URL", "https://github.com/"), ("GITHUB_REPOSITORY", "octo/checkout"), ("GITHUB_RUN_ID", "42"));

        Assert.AreEqual(new Uri("https://github.com/octo/checkout/actions/runs/42"), RunLink.Find(env, new GitHubActions(env, TextWriter.Null, new SideFiles())));
    }

    [TestMethod]
    public void Find_AzurePipelines_TheBuildsResults()
    {
        var env = Env(("SYSTEM_COLLECTIONURI", "https://dev.azure.com/octo/"), ("SYSTEM_TEAMPROJECT", "shop front"), ("BUILD_BUILDID", "7"));

        Assert.AreEqual("https://dev.azure.com/octo/shop%20front/_build/results?buildId=7",
            RunLink.Find(env, new AzurePipelines(env, TextWriter.Null, new SideFiles()))!.AbsoluteUri);
    }

    [TestMethod]
    [DataRow("https://ci.example.org/runs/9", "https://ci.example.org/runs/9")]
    [DataRow("https://user:pass@ci.example.org/runs/9", null)]
    [DataRow("not a link", null)]
    public void Find_Override_WinsWhenItIsALink(string given, string? expected)
    {
        var env = Env(("DEPLOY_VERIFIER_RUN_URL", given), ("GITHUB_SERVER_URL", "https://github.com"), ("GITHUB_REPOSITORY", "o/r"), ("GITHUB_RUN_ID", "1"));

        Assert.AreEqual(expected, RunLink.Find(env, new GitHubActions(env, TextWriter.Null, new SideFiles()))?.ToString());
    }

    [TestMethod]
    public void Find_NoCiAndNoOverride_None()
    {
        Assert.IsNull(RunLink.Find(Env(), new LocalConsole(TextWriter.Null)));
    }
}
