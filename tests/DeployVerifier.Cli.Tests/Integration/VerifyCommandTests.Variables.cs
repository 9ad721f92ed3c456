namespace DeployVerifier.Integration;

/// <summary>Thresholds that take variables, through a real soak: <c>max: ${max_err}</c> with <c>--var max_err=2%</c>.</summary>
public sealed partial class VerifyCommandTests
{
    private const string VariableThreshold = """
        soak: {duration: 10m, interval: 30s, warmUp: 30s}
        vars:
          namespace: ~
          max_err: ~
        checks:
          - name: error-ratio
            query: >-
              (sum(rate(http_requests_total{namespace="${namespace}", code=~"5.."}[2m])) or vector(0))
              / sum(rate(http_requests_total{namespace="${namespace}"}[2m]))
            max: ${max_err}
            tolerance: 4
            warmUp: 2m

        """;

    [TestMethod]
    public async Task Verify_ThresholdFromAVariable_IsJudgedWithTheGivenValue()
    {
        var workspace = Workspace(VariableThreshold);

        var result = await Verify(workspace, "it-healthy", null, "--var", "max_err=2%", "--dry-run");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var threshold = Report(workspace).GetProperty("checks")[0].GetProperty("threshold");
        Assert.AreEqual(0.02, threshold.GetProperty("max").GetDouble(), 1e-12);
    }

    [TestMethod]
    public async Task Validate_ThresholdFromAVariable_IsValidAndItsQueriesAccepted()
    {
        var workspace = Workspace(VariableThreshold);

        var result = await DeployVerifierProcess.RunAsync(
            ["validate", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--var", "namespace=x", "--var", "max_err=2%"],
            workingDirectory: workspace);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "valid, 1 check; Prometheus at");
    }

    [TestMethod]
    public async Task Verify_ThresholdVariableWithABadValue_IsRefusedAtTheVarBeforeTheSoak()
    {
        var workspace = Workspace(VariableThreshold);

        var result = await Verify(workspace, "it-healthy", null, "--var", "max_err=2 percent");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error: --var max_err=2 percent: checks[0].max (${max_err}): '2 percent' is not a quantity");
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "report.json")), "nothing was soaked");
    }
}
