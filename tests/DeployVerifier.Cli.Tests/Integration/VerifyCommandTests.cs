using System.Text.Json;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// The CLI as a process against a real Prometheus holding simulated release history: the exit codes, the reports
/// and the rollback, as a pipeline sees them.
/// </summary>
[TestClass]
public sealed partial class VerifyCommandTests
{
    private const string DeployedAt = "2024-08-16T13:45:00Z";
    private static PrometheusServer? s_server;
    private static string s_directory = "";

    private const string Checklist = TestChecklists.RestartsAndErrors + """
        rollback:
          command:
            program: touch
            args: [rolled-back]
            timeout: 30s
        """;

    [ClassInitialize]
    public static async Task StartPrometheus(TestContext context)
    {
        s_server = await PrometheusServer.StartAsync(ReleaseHistory.Generate(
            ReleaseSpec.Healthy("it-healthy"), ReleaseSpec.CrashLoop("it-crash"), ReleaseSpec.NoNewAppMetrics("it-nometrics")));
        s_directory = Directory.CreateTempSubdirectory("dv-verify-").FullName;
    }

    [ClassCleanup]
    public static async Task StopPrometheus()
    {
        if (s_server is not null)
        {
            await s_server.DisposeAsync();
        }

        Directory.Delete(s_directory, recursive: true);
    }

    /// <summary>A fresh working folder with the checklist, so each test sees only its own rollback marker.</summary>
    private static string Workspace(string checklist = Checklist)
    {
        var folder = Directory.CreateDirectory(Path.Combine(s_directory, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(folder, "checks.yml"), checklist);
        return folder;
    }

    private static Task<ProcessResult> Verify(string workspace, string ns, string? url = null, params string[] extra) =>
        DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", url ?? s_server!.Url.ToString(), "--deployed-at", DeployedAt,
                "--var", $"namespace={ns}", "--report-json", "report.json", "--summary-md", "summary.md", .. extra],
            workingDirectory: workspace);

    private static JsonElement Report(string workspace) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace, "report.json"))).RootElement;

    [TestMethod]
    [DataRow("it-healthy", 0, "passed")]
    [DataRow("it-crash", 1, "failed")]
    public async Task Verify_DeployTimeWithMilliseconds_EveryEvaluationHasData(string ns, int exitCode, string verdict)
    {
        // Prometheus rounds the times it is sent to the millisecond: the soak's grid (13:45:07.250 + k·30 s) is matched by
        // the grid point each answer is for, not by exact equality.
        var workspace = Workspace(TestChecklists.RestartsAndErrors);

        var result = await DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--deployed-at", "2024-08-16T13:45:07.2500001Z",
                "--var", $"namespace={ns}", "--report-json", "report.json", "--dry-run"],
            workingDirectory: workspace);

        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        var report = Report(workspace);
        Assert.AreEqual(verdict, report.GetProperty("verdict").GetString());
        foreach (var check in report.GetProperty("checks").EnumerateArray())
        {
            StringAssert.DoesNotMatch(check.GetProperty("reason").GetString()!, new System.Text.RegularExpressions.Regex("no data"), check.ToString());
        }
    }

    [TestMethod]
    public async Task Verify_HealthyRelease_PassesWithExitCode0()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, "it-healthy");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("passed", Report(workspace).GetProperty("verdict").GetString());
        Assert.AreEqual("2024-08-16T13:55:00+00:00", Report(workspace).GetProperty("decidedAt").GetString());
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "rolled-back")));
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(workspace, "summary.md")), "## ✅ The release in namespace it-healthy passed verification\n");
    }

    [TestMethod]
    public async Task Verify_CrashLoop_FailsFastAndRollsBack()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, "it-crash");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        var report = Report(workspace);
        Assert.AreEqual("failed", report.GetProperty("verdict").GetString());
        Assert.IsLessThan(DateTimeOffset.Parse("2024-08-16T13:50:00Z", System.Globalization.CultureInfo.InvariantCulture),
            report.GetProperty("decidedAt").GetDateTimeOffset());
        var restarts = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "restarts");
        Assert.AreEqual("failed", restarts.GetProperty("outcome").GetString());
        StringAssert.StartsWith(restarts.GetProperty("worstSeries").GetProperty("pod").GetString(), "checkout-");
        Assert.IsTrue(File.Exists(Path.Combine(workspace, "rolled-back")), "the rollback command ran");
        Assert.IsTrue(report.GetProperty("rollback").GetProperty("succeeded").GetBoolean());
    }

    [TestMethod]
    [DataRow("it-crash", 1)]
    [DataRow("it-healthy", 0)]
    public async Task Verify_RestartsSinceTheDeploy_FillsInSinceDeployAtEachEvaluation(string ns, int exitCode)
    {
        var workspace = Workspace("""
            soak: {duration: 5m, interval: 30s, warmUp: 30s}
            vars:
              namespace: ~
            checks:
              - name: restarts-since-deploy
                query: sum(increase(kube_pod_container_status_restarts_total{namespace="${namespace}"}[${sinceDeploy}]))
                max: 0
            """);

        var result = await Verify(workspace, ns, null, "--dry-run");

        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        var report = Report(workspace);
        var evaluations = report.GetProperty("checks")[0].GetProperty("evaluations").GetInt32();
        Assert.IsGreaterThanOrEqualTo(evaluations, report.GetProperty("prometheus").GetProperty("requests").GetInt32(),
            "a query that changes at every evaluation is sent at every evaluation");
    }

    [TestMethod]
    public async Task Verify_TrendCheckWithSinceDeploy_IsInvalidInput()
    {
        var workspace = Workspace("""
            vars:
              namespace: ~
            checks:
              - name: memory
                type: trend
                query: increase(container_memory_working_set_bytes{namespace="${namespace}"}[${sinceDeploy}])
                trend: {limit: 1GiB}
            """);

        var result = await Verify(workspace, "it-healthy");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "checks[0].query: a trend check fits a history");
    }

    [TestMethod]
    public async Task Verify_CrashLoopDryRun_ExitsFailedWithoutRollback()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, "it-crash", null, "--dry-run");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "rolled-back")));
        StringAssert.Contains(Report(workspace).GetProperty("rollback").GetProperty("detail").GetString(), "dry-run");
    }

    [TestMethod]
    public async Task Verify_PrometheusUnreachable_IsInconclusiveWithoutRollback()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, "it-crash", "http://127.0.0.1:9/");

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        Assert.AreEqual("inconclusive", Report(workspace).GetProperty("verdict").GetString());
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "rolled-back")));
    }

    [TestMethod]
    public async Task Verify_SigtermDuringALiveSoak_StopsAtOnceInconclusiveWithTheReportAndNoRollback()
    {
        var workspace = Workspace();
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        using var process = DeployVerifierProcess.Start(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--deployed-at", now,
                "--var", "namespace=it-crash", "--report-json", "report.json"],
            workingDirectory: workspace);
        var error = process.StandardError.ReadToEndAsync();

        // Once the soak has started it waits a minute for its first evaluation: cancel the job then.
        var seen = new System.Text.StringBuilder();
        using (var started = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (await process.StandardOutput.ReadLineAsync(started.Token) is { } line)
            {
                seen.AppendLine(line);
                if (line.StartsWith("Soaking", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }

        var output = process.StandardOutput.ReadToEndAsync();
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        var stopped = System.Diagnostics.Stopwatch.StartNew();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        Assert.AreEqual(3, process.ExitCode, $"{seen}{await output}\n{await error}");
        Assert.IsLessThan(10, stopped.Elapsed.TotalSeconds, "stops at once, not at the next evaluation");
        var report = Report(workspace);
        Assert.AreEqual("inconclusive", report.GetProperty("verdict").GetString());
        Assert.IsTrue(report.GetProperty("cancelled").GetBoolean());
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "rolled-back")));
    }

    [TestMethod]
    public async Task Verify_NoApplicationMetrics_NeverPasses()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, "it-nometrics");

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        StringAssert.Contains(Report(workspace).GetProperty("reason").GetString(), "no data");
    }

    [TestMethod]
    public async Task Verify_BrokenChecklist_ExitCode2WithEveryErrorAndItsPlace()
    {
        var workspace = Workspace("""
            soak: {duration: 10 minutes, intervall: 30s}
            checks:
              - name: restarts
                query: up
                max: 5 pods
            """);

        var result = await Verify(workspace, "it-crash", null, "--var", "regoin=eu");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "checks.yml:1:");
        StringAssert.Contains(result.Error, "did you mean 'interval'");
        StringAssert.Contains(result.Error, "'5 pods'");
        StringAssert.Contains(result.Error, "--var regoin: the checklist declares no variable 'regoin'");
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "report.json")), "nothing ran");
    }

    [TestMethod]
    [DataRow("--deployed-at", "2024-08-16 13:45", "RFC 3339")]
    [DataRow("--soak", "half an hour", "not a duration")]
    [DataRow("--var", "region=eu", "declares no variable 'region'")]
    public async Task Verify_BadArgument_ExitCode2WithAClearError(string flag, string value, string expected)
    {
        var workspace = Workspace();

        var result = await DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--var", "namespace=x", flag, value],
            workingDirectory: workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, expected);
    }

    [TestMethod]
    [DataRow("DEPLOY_VERIFIER_DRY_RUN")]
    [DataRow("INPUT_DRY-RUN")]
    public async Task Verify_DryRunNeitherTrueNorFalse_ExitCode2AndNoRollback(string variable)
    {
        var workspace = Workspace();

        var result = await DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--deployed-at", DeployedAt, "--var", "namespace=it-crash"],
            new Dictionary<string, string> { [variable] = "yes" }, workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"error: {variable} 'yes' is not true or false");
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "rolled-back")));
    }

    [TestMethod]
    public async Task Verify_TokenAHeaderCantCarry_ExitCode2NamingTheVariableNotTheValue()
    {
        var workspace = Workspace("prometheus: {bearerTokenEnv: PROM_TOKEN}\n" + Checklist);

        var result = await DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--deployed-at", DeployedAt, "--var", "namespace=it-crash"],
            new Dictionary<string, string> { ["PROM_TOKEN"] = "jeton-secret-é" }, workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "environment variable PROM_TOKEN (prometheus.bearerTokenEnv) holds a non-ASCII character");
        Assert.DoesNotContain("jeton", result.Output + result.Error);
    }

    [TestMethod]
    public async Task Verify_WrongPathPrefix_ExitCode2NamingTheAddress()
    {
        var workspace = Workspace();
        var url = new Uri(s_server!.Url, "prom");

        var result = await Verify(workspace, "it-crash", url.ToString());

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"no Prometheus API at {url}: check the path prefix");
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "rolled-back")));
    }

    [TestMethod]
    public async Task Verify_UnknownFlag_ShortErrorAndExitCode2()
    {
        var result = await DeployVerifierProcess.RunAsync(["verify", "--checklist", "checks.yml", "--soak-time", "30m"]);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error: Option 'soak-time' is unknown.");
        StringAssert.Contains(result.Error, "deploy-verifier verify --help");
        Assert.IsLessThan(4, result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, "not the whole help page");
    }

    [TestMethod]
    public async Task Verify_QueryPrometheusRefuses_ExitCode2WithPrometheusWords()
    {
        var workspace = Workspace(Checklist.Replace("max: 1%", "max: 1%\n    evidence: {query: 'sum(rate(x[2m]', min: 1}", StringComparison.Ordinal));

        var result = await Verify(workspace, "it-healthy");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "check 'error-ratio'");
        StringAssert.Contains(result.Error, "bad_data");
    }

    [TestMethod]
    public async Task Validate_WithPrometheus_RunsEveryQueryOnce()
    {
        var workspace = Workspace();

        var result = await DeployVerifierProcess.RunAsync(
            ["validate", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--var", "namespace=x"],
            workingDirectory: workspace);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "accepted all 2 queries");
    }

    [TestMethod]
    public async Task Validate_CheckThatCanNeverBeJudgedWithinTheSoak_IsInvalidWithItsLocation()
    {
        var workspace = Workspace("""
            soak: {duration: 5m, interval: 30s, warmUp: 30s}
            checks:
              - name: errors
                query: up
                max: 1
                evidence: {minSamples: 30}
            """);

        var result = await DeployVerifierProcess.RunAsync(["validate", "--checklist", "checks.yml"], workingDirectory: workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "checks.yml:3:5: check 'errors': evidence.minSamples is 30, but a 5m soak gives it at most 10 evaluations");
    }

    [TestMethod]
    public async Task Validate_ReleaseSection_RunsItsQueriesToo()
    {
        var workspace = Workspace(TestChecklists.ReleaseRestartsAndErrors);

        var result = await DeployVerifierProcess.RunAsync(
            ["validate", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--var", "namespace=x"],
            workingDirectory: workspace);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "accepted all 4 queries");
    }

    [TestMethod]
    public async Task Validate_QueryReturningARangeVector_IsInvalidBeforeAnySoak()
    {
        var workspace = Workspace("""
            checks:
              - name: restarts
                query: kube_pod_container_status_restarts_total[5m]
                max: 0
            """);

        var result = await DeployVerifierProcess.RunAsync(
            ["validate", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString()], workingDirectory: workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "check 'restarts': its query returns a range vector");
    }

    [TestMethod]
    public async Task Verify_KilledDuringTheRollback_StillLeavesTheReportWithTheRollbackPending()
    {
        var workspace = Workspace(TestChecklists.RestartsAndErrors + """
            rollback:
              command:
                program: sleep
                args: ["30"]
                timeout: 1m
            """);
        using var process = DeployVerifierProcess.Start(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--deployed-at", DeployedAt,
                "--var", "namespace=it-crash", "--report-json", "report.json"],
            workingDirectory: workspace);
        var report = Path.Combine(workspace, "report.json");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(report) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        Assert.IsTrue(File.Exists(report), "the report is written before the rollback starts");
        var rollback = JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("rollback");
        Assert.AreEqual("pending", rollback.GetProperty("state").GetString());
        Assert.AreEqual("failed", JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("verdict").GetString());
    }

    [TestMethod]
    public async Task Verify_RollbackDone_ReportSaysDone()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, "it-crash");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.AreEqual("done", Report(workspace).GetProperty("rollback").GetProperty("state").GetString());
        Assert.AreEqual(1, System.Text.RegularExpressions.Regex.Count(result.Output, "Wrote the JSON report"), "the interim report is written quietly");
    }

    [TestMethod]
    [DataRow("0s", 3, "inconclusive")]
    [DataRow("15m", 1, "failed")]
    public async Task Verify_CheckUndecidedAtTheSoaksEnd_IsDecidedInTheExtensionFromHistory(string extension, int exitCode, string verdict)
    {
        // The crash loop's restarts start at 13:46; with 20 failures tolerated, a 3-minute soak ends undecided.
        var workspace = Workspace($$"""
            soak: {duration: 3m, interval: 30s, warmUp: 30s, extension: {{extension}}}
            vars:
              namespace: ~
            checks:
              - name: restarts
                query: sum(kube_pod_container_status_restarts_total{namespace="${namespace}"} > 0)
                max: 0
                tolerance: 20
                budget: {maxFailingShare: 100%}
            """);

        var result = await Verify(workspace, "it-crash", null, "--dry-run");

        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        var report = Report(workspace);
        Assert.AreEqual(verdict, report.GetProperty("verdict").GetString());
        if (extension != "0s")
        {
            Assert.AreEqual(DateTimeOffset.Parse("2024-08-16T14:03:00Z", System.Globalization.CultureInfo.InvariantCulture),
                report.GetProperty("soak").GetProperty("extendedTo").GetDateTimeOffset());
            Assert.IsGreaterThan(DateTimeOffset.Parse("2024-08-16T13:48:00Z", System.Globalization.CultureInfo.InvariantCulture),
                report.GetProperty("decidedAt").GetDateTimeOffset(), "decided after the soak's end");
            StringAssert.Contains(result.Output, "restarts undecided at the soak's end");
        }
    }

    [TestMethod]
    public async Task Verify_RollbackThatCantWork_IsInvalidBeforeAnySoakButOnlyAWarningInADryRun()
    {
        var workspace = Workspace(TestChecklists.RestartsAndErrors + """
            rollback:
              command:
                program: kubectl-not-installed-here
                args: [rollout, undo, deployment/checkout]
            """);

        var refused = await Verify(workspace, "it-crash");
        var dryRun = await Verify(workspace, "it-crash", null, "--dry-run");

        Assert.AreEqual(2, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "checks.yml:");
        StringAssert.Contains(refused.Error, "rollback.command.program: 'kubectl-not-installed-here' is not an executable file here nor on PATH");
        Assert.DoesNotContain("Soaking", refused.Output, "refused before any soak");
        Assert.AreEqual(1, dryRun.ExitCode, dryRun.ToString());
        StringAssert.Contains(dryRun.Error, "warning: ");
    }

    [TestMethod]
    public async Task Help_ListsEveryVerbWithOneLine()
    {
        var result = await DeployVerifierProcess.RunAsync(["--help"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        foreach (var verb in new[] { "verify", "validate", "backtest" })
        {
            Assert.AreEqual(1, result.Output.Split('\n').Count(l => l.TrimStart().StartsWith(verb + " ", StringComparison.Ordinal)), $"one line for {verb}:\n{result.Output}");
        }
    }
}
