using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Options;
using DeployVerifier.Cli.Settings;

namespace DeployVerifier.Settings;

[TestClass]
public sealed class InvocationResolverTests
{
    private static (Invocation? Invocation, string Errors) Resolve(Dictionary<string, string> variables, VerifyOptions? options = null)
    {
        variables.TryAdd("DEPLOY_VERIFIER_CHECKLIST", "checks.yml");
        var (invocation, errors) = InvocationResolver.Resolve(options ?? new VerifyOptions(), new DictionaryEnvironment(variables), TimeProvider.System);
        return (invocation, string.Join("\n", errors));
    }

    [TestMethod]
    [DataRow("DEPLOY_VERIFIER_DRY_RUN", "true", true)]
    [DataRow("DEPLOY_VERIFIER_DRY_RUN", "TRUE", true)]
    [DataRow("DEPLOY_VERIFIER_DRY_RUN", "False", false)]
    [DataRow("DEPLOY_VERIFIER_DRY_RUN", "", false)]
    [DataRow("INPUT_DRY-RUN", "true", true)]
    [DataRow("INPUT_DRY-RUN", "false", false)]
    public void Resolve_DryRunTrueOrFalse_Read(string variable, string value, bool expected)
    {
        var (invocation, errors) = Resolve(new() { [variable] = value });

        Assert.IsNotNull(invocation, errors);
        Assert.AreEqual(expected, invocation.DryRun);
    }

    [TestMethod]
    [DataRow("DEPLOY_VERIFIER_DRY_RUN", "yes")]
    [DataRow("INPUT_DRY-RUN", "yes")]
    [DataRow("INPUT_DRY-RUN", "1")]
    [DataRow("DEPLOY_VERIFIER_DRY_RUN", "no")]
    public void Resolve_DryRunNeitherTrueNorFalse_IsAnErrorNamingTheVariable(string variable, string value)
    {
        var (invocation, errors) = Resolve(new() { [variable] = value });

        Assert.IsNull(invocation);
        Assert.AreEqual($"{variable} '{value}' is not true or false", errors);
    }

    [TestMethod]
    public void Resolve_DryRunFlag_WinsOverTheEnvironment()
    {
        var (invocation, errors) = Resolve(new() { ["DEPLOY_VERIFIER_DRY_RUN"] = "false" }, new VerifyOptions { DryRun = true });

        Assert.IsTrue(invocation?.DryRun, errors);
    }

    [TestMethod]
    [DataRow("DEPLOY_VERIFIER_NO_ROLLBACK", "true", true)]
    [DataRow("DEPLOY_VERIFIER_NO_ROLLBACK", "False", false)]
    [DataRow("INPUT_NO-ROLLBACK", "TRUE", true)]
    [DataRow("INPUT_NO-ROLLBACK", "", false)]
    public void Resolve_NoRollbackTrueOrFalse_ReadLikeDryRun(string variable, string value, bool expected)
    {
        var (invocation, errors) = Resolve(new() { [variable] = value });

        Assert.IsNotNull(invocation, errors);
        Assert.AreEqual(expected, invocation.NoRollback);
        Assert.AreEqual(!expected, invocation.RollsBack);
        Assert.IsFalse(invocation.DryRun, "--no-rollback is not a dry run");
    }

    [TestMethod]
    public void Resolve_NoRollbackNeitherTrueNorFalse_IsAnErrorNamingTheVariable()
    {
        var (invocation, errors) = Resolve(new() { ["INPUT_NO-ROLLBACK"] = "yes" });

        Assert.IsNull(invocation);
        Assert.AreEqual("INPUT_NO-ROLLBACK 'yes' is not true or false", errors);
    }

    [TestMethod]
    public void Resolve_NoRollbackFlag_WinsOverTheEnvironment()
    {
        var (invocation, errors) = Resolve(new() { ["DEPLOY_VERIFIER_NO_ROLLBACK"] = "false" }, new VerifyOptions { NoRollback = true });

        Assert.IsTrue(invocation?.NoRollback, errors);
    }

    [TestMethod]
    [DataRow("INPUT_NO-NOTIFY", "true", true)]
    [DataRow("DEPLOY_VERIFIER_NO_NOTIFY", "false", false)]
    public void Resolve_NoNotifyFromTheEnvironment_Read(string variable, string value, bool expected)
    {
        var (invocation, errors) = Resolve(new() { [variable] = value });

        Assert.AreEqual(expected, invocation?.NoNotify, errors);
    }

    [TestMethod]
    [DataRow("http://admin:hunter2@prom:9090", "--prometheus-url: 'http://***@prom:9090' holds credentials (user:password@)")]
    [DataRow("http://admin:hunter2@prom:port", "--prometheus-url: 'http://***@prom:port' is not an absolute http or https URL")]
    [DataRow("admin:hunter2@prom:9090", "--prometheus-url: '***@prom:9090' is not an absolute http or https URL")]
    public void Resolve_PrometheusUrlWithPassword_RefusedWithoutEchoingIt(string url, string expected)
    {
        var (invocation, errors) = Resolve(new() { ["PROMETHEUS_URL"] = url });

        Assert.IsNull(invocation);
        StringAssert.StartsWith(errors, expected);
        Assert.DoesNotContain("hunter2", errors);
    }

    [TestMethod]
    public void Resolve_VarWithoutAValue_IsAnError()
    {
        var (invocation, errors) = Resolve([], new VerifyOptions { Vars = ["namespace="] });

        Assert.IsNull(invocation);
        StringAssert.Contains(errors, "--var 'namespace=' gives namespace no value");
    }

    [TestMethod]
    public void Resolve_MalformedGitHubApiUrl_IsAnErrorBeforeAnySoak()
    {
        var (invocation, errors) = Resolve(new() { ["GITHUB_API_URL"] = "api.github.example" });

        Assert.IsNull(invocation);
        StringAssert.Contains(errors, "GITHUB_API_URL: 'api.github.example' is not an absolute http or https URL");
    }
}
