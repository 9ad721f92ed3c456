namespace DeployVerifier.Integration;

/// <summary>
/// <c>--no-rollback</c>, for a caller that rolls back itself (an Argo Rollouts analysis aborts the rollout): a failure
/// still exits 1 and is reported as a real run, but no rollback is called.
/// </summary>
public sealed partial class VerifyCommandTests
{
    [TestMethod]
    public async Task Verify_CrashLoopNoRollback_ExitsFailedWithoutRollback()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, "it-crash", null, "--no-rollback");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "rolled-back")), "the rollback command ran");
        var report = Report(workspace);
        Assert.AreEqual("failed", report.GetProperty("verdict").GetString());
        Assert.IsFalse(report.GetProperty("dryRun").GetBoolean(), "--no-rollback is no dry run");
        var rollback = report.GetProperty("rollback");
        Assert.IsFalse(rollback.GetProperty("attempted").GetBoolean(), rollback.ToString());
        StringAssert.Contains(rollback.GetProperty("detail").GetString(), "--no-rollback");
        Assert.DoesNotContain("rolling back", result.Output);
    }

    [TestMethod]
    public async Task Verify_RollbackThatCantWork_OnlyAWarningWithNoRollback()
    {
        var workspace = Workspace(TestChecklists.RestartsAndErrors + """
            rollback:
              command:
                program: kubectl-not-installed-here
                args: [rollout, undo, deployment/checkout]
            """);

        var result = await Verify(workspace, "it-healthy", null, "--no-rollback");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "warning: ");
        StringAssert.Contains(result.Error, "--no-rollback");
    }

    [TestMethod]
    public async Task Verify_NoRollbackFromTheActionInput_ExitsFailedWithoutRollback()
    {
        var workspace = Workspace();

        var result = await DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--deployed-at", DeployedAt,
                "--var", "namespace=it-crash", "--report-json", "report.json"],
            new Dictionary<string, string> { ["INPUT_NO-ROLLBACK"] = "true" }, workspace);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "rolled-back")), "the rollback command ran");
    }
}
