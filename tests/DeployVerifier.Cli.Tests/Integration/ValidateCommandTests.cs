namespace DeployVerifier.Integration;

/// <summary>
/// <c>validate</c> as a process, without a Prometheus: it is as strict as <c>verify</c> about the invocation, reports
/// every such error before any network call (exit 2), and checks the file alone with <c>--offline</c>.
/// </summary>
[TestClass]
public sealed class ValidateCommandTests
{
    private static readonly string Directory = System.IO.Directory.CreateTempSubdirectory("dv-validate-").FullName;

    [ClassCleanup]
    public static void RemoveWorkspaces() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>A fresh working folder with the checklist.</summary>
    private static string Workspace(string checklist = TestChecklists.RestartsAndErrors)
    {
        var folder = System.IO.Directory.CreateDirectory(Path.Combine(Directory, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(folder, "checks.yml"), checklist);
        return folder;
    }

    [TestMethod]
    public async Task Validate_RequiredVariableNotGiven_IsInvalidBeforeAnyQuery()
    {
        var workspace = Workspace();

        // Nothing listens on port 1: a validate that tried the store first would exit 3.
        var result = await DeployVerifierProcess.RunAsync(
            ["validate", "--checklist", "checks.yml", "--prometheus-url", "http://127.0.0.1:1"], workingDirectory: workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "vars.namespace has no default; give it with --var namespace=VALUE");
        Assert.DoesNotContain("could not be checked", result.Error);
    }

    [TestMethod]
    public async Task Validate_NoPrometheusAddress_IsInvalidAndNamesOffline()
    {
        var workspace = Workspace();

        var result = await DeployVerifierProcess.RunAsync(["validate", "--checklist", "checks.yml", "--var", "namespace=x"], workingDirectory: workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "pass --prometheus-url, or --offline to check the file only");
        Assert.AreEqual(string.Empty, result.Output);
    }

    [TestMethod]
    public async Task Validate_Offline_ChecksTheFileAndSaysTheQueriesWereNotChecked()
    {
        var workspace = Workspace();

        var result = await DeployVerifierProcess.RunAsync(
            ["validate", "--checklist", "checks.yml", "--offline", "--var", "namespace=x"], workingDirectory: workspace);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "checks.yml: valid, 2 checks (offline: the queries were not checked by Prometheus).");
    }

    [TestMethod]
    public async Task Validate_OfflineWithARequiredVariableMissing_IsStillInvalid()
    {
        var workspace = Workspace();

        var result = await DeployVerifierProcess.RunAsync(["validate", "--checklist", "checks.yml", "--offline"], workingDirectory: workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "vars.namespace has no default");
    }

    [TestMethod]
    public async Task Validate_StoreUnreachable_ExitsInconclusive()
    {
        var workspace = Workspace();

        var result = await DeployVerifierProcess.RunAsync(
            ["validate", "--checklist", "checks.yml", "--prometheus-url", "http://127.0.0.1:1", "--var", "namespace=x"], workingDirectory: workspace);

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "the checklist is valid, but its queries could not be checked");
    }

    private const string VariableThreshold = """
        vars:
          max_err: ~
        checks:
          - name: errors
            query: sum(rate(errors_total[1m]))
            max: ${max_err}

        """;

    [TestMethod]
    public async Task Validate_ThresholdVariableWithoutAValue_NamesTheVariableAndTheField()
    {
        var workspace = Workspace(VariableThreshold);

        var result = await DeployVerifierProcess.RunAsync(["validate", "--checklist", "checks.yml", "--offline"], workingDirectory: workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error,
            "checks.yml:6:10: checks[0].max: ${max_err} has no value: vars.max_err is required; give it with --var max_err=VALUE (or a default in vars)");
    }

    [TestMethod]
    public async Task Validate_ThresholdVariableGiven_IsValid()
    {
        var workspace = Workspace(VariableThreshold);

        var result = await DeployVerifierProcess.RunAsync(
            ["validate", "--checklist", "checks.yml", "--offline", "--var", "max_err=2%"], workingDirectory: workspace);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
    }

    [TestMethod]
    public async Task Validate_ThresholdVariableWithABadDefault_IsLocatedAtTheDefault()
    {
        var workspace = Workspace(VariableThreshold.Replace("max_err: ~", "max_err: 500m", StringComparison.Ordinal));

        var result = await DeployVerifierProcess.RunAsync(["validate", "--checklist", "checks.yml", "--offline"], workingDirectory: workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "checks.yml:2:12: vars.max_err (the default of ${max_err}, as checks[0].max): '500m' is ambiguous");
    }
}
