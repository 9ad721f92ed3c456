using static DeployVerifier.Checklists.ChecklistText;

namespace DeployVerifier.Checklists.Validation;

/// <summary>The <c>rollback</c> section as RollbackValidator reads it: each action, its keys and its errors.</summary>
[TestClass]
public sealed class RollbackSectionTests
{
    [TestMethod]
    public void Load_CiRollbacks_Mapped()
    {
        var rollback = LoadValid("""
            rollback:
              githubWorkflow: {workflow: rollback.yml, ref: main, inputs: {reason: "${reason}", count: 3}, repository: octo/shop}
              azurePipeline:
                organizationUrl: https://dev.azure.com/contoso/
                project: Shop
                pipelineId: 42
                branch: main
                templateParameters: {verdict: "${verdict}"}
            checks:
              - {name: errors, query: q, max: 1}
            """).Rollback;

        Assert.IsTrue(rollback.IsConfigured);
        Assert.AreEqual(new RollbackGithubWorkflow("rollback.yml", "main", rollback.GithubWorkflow!.Inputs, "octo/shop"), rollback.GithubWorkflow);
        Assert.AreEqual("${reason}", rollback.GithubWorkflow.Inputs["reason"]);
        Assert.AreEqual("3", rollback.GithubWorkflow.Inputs["count"]);
        var pipeline = rollback.AzurePipeline!;
        Assert.AreEqual(new Uri("https://dev.azure.com/contoso/"), pipeline.OrganizationUrl);
        Assert.AreEqual("Shop", pipeline.Project);
        Assert.AreEqual(42, pipeline.PipelineId);
        Assert.AreEqual("refs/heads/main", pipeline.Branch);
        Assert.AreEqual("${verdict}", pipeline.TemplateParameters["verdict"]);
    }

    [TestMethod]
    public void Load_KubernetesRollback_Mapped()
    {
        var rollback = LoadValid(ReleaseSection + """

            rollback:
              kubernetes: {namespace: shop, deployment: checkout, serverEnv: K8S_SERVER, tokenEnv: K8S_TOKEN, caFile: /ca.pem, timeout: 1m}
            """ + "\n" + Minimal).Rollback;

        Assert.IsTrue(rollback.IsConfigured);
        Assert.AreEqual(new RollbackKubernetes("shop", "checkout", null, "K8S_SERVER", "K8S_TOKEN", "/ca.pem", TimeSpan.FromMinutes(1)), rollback.Kubernetes);
        Assert.AreEqual(new SourceLocation(FileName, 7, 15), rollback.Locations["kubernetes"]);
    }

    [TestMethod]
    public void Load_KubernetesRollbackWithoutReleaseSection_IsAnErrorAtTheRollback()
    {
        var error = SingleError("rollback:\n  kubernetes: {namespace: shop, deployment: checkout}\n" + Minimal);

        StringAssert.StartsWith(error.Message, "rollback.kubernetes: needs the release section");
        AssertAt(error, 2, 15);
    }

    [TestMethod]
    [DataRow("rollback: {kubernetes: {deployment: checkout}}", "rollback.kubernetes: namespace is required", 1, 24)]
    [DataRow("rollback: {kubernetes: {namespace: Shop, deployment: checkout}}", "rollback.kubernetes.namespace: 'Shop' is not a Kubernetes name", 1, 36)]
    [DataRow("rollback: {kubernetes: {namespace: shop, deployment: checkout, tokenEnv: T}}", "rollback.kubernetes: give serverEnv and tokenEnv together", 1, 74)]
    [DataRow("rollback: {kubernetes: {namespace: shop, deployment: checkout, serverEnv: S, tokenEnv: 'a b'}}", "rollback.kubernetes.tokenEnv: 'a b' is not an environment variable name", 1, 88)]
    [DataRow("rollback: {kubernetes: {namespace: shop, deployment: checkout, caFile: /ca.pem}}", "rollback.kubernetes.caFile: only with serverEnv and tokenEnv", 1, 72)]
    public void Load_BadKubernetesRollback_ReportsErrorAtValue(string section, string message, int line, int column)
    {
        var error = SingleError(ReleaseSection + "\n" + section + "\n" + Minimal);

        StringAssert.StartsWith(error.Message, message);
        AssertAt(error, line + 5, column);
    }
}
