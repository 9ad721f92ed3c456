using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Rollbacks;

namespace DeployVerifier.Rollbacks;

[TestClass]
public sealed class RollbackPreflightTests
{
    private static readonly SourceLocation ProgramAt = new("checks.yml", 12, 14);

    private static RollbackSettings Command(string program, params string[] passEnv) =>
        new(new RollbackCommand(program, [], TimeSpan.FromMinutes(1), null) { PassEnv = passEnv }, null)
        {
            Locations = new Dictionary<string, SourceLocation> { ["command"] = ProgramAt },
        };

    private static IReadOnlyList<ChecklistError> Problems(RollbackSettings settings, Dictionary<string, string>? variables = null) =>
        RollbackPreflight.Problems(settings, new DictionaryEnvironment(variables ?? new() { ["PATH"] = "/usr/bin:/bin" }));

    [TestMethod]
    [DataRow("sh")]
    [DataRow("/bin/sh")]
    public void Problems_ProgramOnPathOrByItsPath_None(string program)
    {
        Assert.IsEmpty(Problems(Command(program)));
    }

    [TestMethod]
    public void Problems_ProgramMissing_IsAnErrorAtTheProgram()
    {
        var problems = Problems(Command("kubectl-that-is-not-here"));

        Assert.HasCount(1, problems);
        Assert.AreEqual(ProgramAt, problems[0].Location);
        StringAssert.Contains(problems[0].Message, "'kubectl-that-is-not-here' is not an executable file here nor on PATH");
    }

    [TestMethod]
    public void Problems_PassEnvNotSet_NamesTheVariable()
    {
        var problems = Problems(Command("sh", "KUBE_TOKEN"));

        StringAssert.Contains(problems.Single().Message, "rollback.command.passEnv: KUBE_TOKEN is not set");
    }

    [TestMethod]
    public void Problems_CiRollbacksWithoutTheirTokens_AreNamed()
    {
        var settings = RollbackSettings.None with
        {
            GithubWorkflow = new RollbackGithubWorkflow("rollback.yml", "main", new Dictionary<string, string>(), "acme/shop"),
        };

        StringAssert.Contains(Problems(settings).Single().Message, "no GitHub token");
        Assert.IsEmpty(Problems(settings, new() { ["GITHUB_TOKEN"] = "ghs_x" }));
    }

    [TestMethod]
    public void Problems_KubernetesWithoutCredentials_IsAnErrorAtTheSection()
    {
        var at = new SourceLocation("checks.yml", 20, 5);
        var settings = RollbackSettings.None with
        {
            Kubernetes = new RollbackKubernetes("shop", "checkout", null, "K8S_SERVER", "K8S_TOKEN", null, TimeSpan.FromSeconds(30)),
            Locations = new Dictionary<string, SourceLocation> { ["kubernetes"] = at },
        };

        var problem = Problems(settings, new() { ["K8S_SERVER"] = "https://k8s.example:6443" }).Single();

        Assert.AreEqual(at, problem.Location);
        StringAssert.Contains(problem.Message, "rollback.kubernetes.tokenEnv: K8S_TOKEN is not set");
        Assert.IsEmpty(Problems(settings, new() { ["K8S_SERVER"] = "https://k8s.example:6443", ["K8S_TOKEN"] = "t" }));
    }
}
