using System.Text.Json;
using DeployVerifier.Support;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// The CLI as a real process against a real Prometheus, in a GitHub Actions or Azure Pipelines environment whose API is
/// a local stand-in: statuses, outputs, summaries, logging commands and rollbacks, and side channels that fail.
/// </summary>
[TestClass]
public sealed class CiSystemsIntegrationTests
{
    private const string CrashLoop = "ns-crash";
    private const string Healthy = "ns-ok";

    private static PrometheusServer s_prometheus = null!;

    private DirectoryInfo _work = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) =>
        s_prometheus = await PrometheusServer.StartAsync(ReleaseHistory.Generate(ReleaseSpec.CrashLoop(CrashLoop), ReleaseSpec.Healthy(Healthy)),
            context.CancellationToken);

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        if (s_prometheus is not null)
        {
            await s_prometheus.DisposeAsync();
        }
    }

    [TestInitialize]
    public void CreateWorkspace() => _work = Some.TempDirectory();

    [TestCleanup]
    public void DeleteWorkspace() => _work.Delete(recursive: true);

    private string InWork(string name) => Path.Combine(_work.FullName, name);

    private string WriteChecklist(string rollback)
    {
        var path = InWork("checklist.yml");
        File.WriteAllText(path, $$"""
            soak: {duration: 10m, interval: 30s}
            vars: {namespace: ~}
            checks:
              - name: restarts
                query: kube_pod_container_status_restarts_total{namespace="${namespace}"}
                max: 0
                perSeries: true
            {{rollback}}
            """);
        return path;
    }

    private Task<CliProcess.Result> VerifyAsync(string ns, string checklist, Dictionary<string, string> environment) =>
        CliProcess.RunAsync(
            ["verify", "--checklist", checklist, "--prometheus-url", s_prometheus.Url.ToString(), "--deployed-at", "2024-08-16T13:45:00Z",
                "--var", $"namespace={ns}", "--report-json", InWork("out/report.json")],
            environment, _work.FullName, TestContext.CancellationToken);

    private Dictionary<string, string> GitHubEnvironment(Uri api) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_WORKSPACE"] = _work.FullName,
        ["GITHUB_STEP_SUMMARY"] = InWork("step-summary.md"),
        ["GITHUB_OUTPUT"] = InWork("github-output.txt"),
        ["GITHUB_API_URL"] = api.ToString(),
        ["GITHUB_SERVER_URL"] = "https://github.example",
        ["GITHUB_REPOSITORY"] = "octo/shop",
        ["GITHUB_RUN_ID"] = "777",
        ["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567",
        ["INPUT_GITHUB-TOKEN"] = "ghs_integrationtoken",
    };

    private static (int, string) GitHubAnswer(string path) =>
        path.EndsWith("/dispatches", StringComparison.Ordinal) ? (204, "") : (201, """{"id": 1, "state": "success"}""");

    private static string State(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement.GetProperty("state").GetString()!;

    [TestMethod]
    public async Task Verify_GitHubCrashLoop_DeploymentStatusesOutputsSummaryAndDispatch()
    {
        using var api = new StandInServer(GitHubAnswer);
        var checklist = WriteChecklist("""
            rollback:
              githubWorkflow: {workflow: rollback.yml, ref: main, inputs: {reason: "${reason}", verdict: "${verdict}"}}
            """);
        var environment = GitHubEnvironment(api.Url);
        environment["INPUT_DEPLOYMENT-ID"] = "42";

        var result = await VerifyAsync(CrashLoop, checklist, environment);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.AreEqual("::add-mask::ghs_integrationtoken", result.Output.Split('\n')[0].TrimEnd('\r'), result.ToString());
        Assert.DoesNotContain("ghs_integrationtoken", result.Output[30..]);
        StringAssert.Contains(result.Output, "::group::Soak");
        StringAssert.Contains(result.Output, "::endgroup::");

        var requests = api.Requests;
        var statuses = requests.Where(r => r.Path == "/api/v3/repos/octo/shop/deployments/42/statuses").ToList();
        Assert.IsGreaterThanOrEqualTo(2, statuses.Count, string.Join("\n", requests));
        Assert.IsTrue(statuses.SkipLast(1).All(s => State(s) == "in_progress"), string.Join("\n", statuses.Select(s => s.Body)));
        Assert.AreEqual("failure", State(statuses[^1]));
        var final = JsonDocument.Parse(statuses[^1].Body).RootElement;
        Assert.AreEqual("https://github.example/octo/shop/actions/runs/777", final.GetProperty("log_url").GetString());
        Assert.IsLessThanOrEqualTo(140, final.GetProperty("description").GetString()!.Length);
        Assert.IsTrue(statuses.All(s => string.Equals(s.Authorization, "token ghs_integrationtoken", StringComparison.OrdinalIgnoreCase)), statuses[0].Authorization);

        var dispatch = requests.Single(r => r.Path == "/api/v3/repos/octo/shop/actions/workflows/rollback.yml/dispatches");
        var body = JsonDocument.Parse(dispatch.Body).RootElement;
        Assert.AreEqual("main", body.GetProperty("ref").GetString());
        Assert.AreEqual("failed", body.GetProperty("inputs").GetProperty("verdict").GetString());
        StringAssert.StartsWith(body.GetProperty("inputs").GetProperty("reason").GetString(), "restarts:");

        var outputs = File.ReadAllText(InWork("github-output.txt"));
        StringAssert.Matches(outputs, new System.Text.RegularExpressions.Regex(@"^verdict<<(ghadelimiter_\w+)\nfailed\n\1\n"));
        StringAssert.Contains(outputs, "\nout/report.json\n");
        StringAssert.Contains(outputs, "decided-at<<");
        var summary = File.ReadAllText(InWork("step-summary.md"));
        StringAssert.Matches(summary, new System.Text.RegularExpressions.Regex(@"^## ❌ The release in namespace \S+ failed verification\n"), "the headline names the namespace");
        StringAssert.Contains(summary, $"statuses to deployment 42 of octo/shop");
        StringAssert.Contains(summary, "dispatched on main");
    }

    [TestMethod]
    public async Task Verify_GitHubWarnSeverityFailure_ExitsZeroWithTheWarningInTheSummaryAndAnnotations()
    {
        using var api = new StandInServer(GitHubAnswer);
        var checklist = InWork("checklist.yml");
        File.WriteAllText(checklist, """
            soak: {duration: 10m, interval: 30s}
            vars: {namespace: ~}
            checks:
              - name: restarts
                query: kube_pod_container_status_restarts_total{namespace="${namespace}"}
                max: 0
                perSeries: true
              - name: memory-ceiling
                query: container_memory_working_set_bytes{namespace="${namespace}"}
                max: 1MiB
                perSeries: true
                severity: warn
            rollback:
              githubWorkflow: {workflow: rollback.yml, ref: main}
            """);

        var result = await VerifyAsync(Healthy, checklist, GitHubEnvironment(api.Url));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.IsTrue(lines.Any(l => l.StartsWith("::warning title=Check failed (severity warn)::memory-ceiling (severity warn, not blocking): ", StringComparison.Ordinal)),
            result.ToString());
        Assert.IsFalse(lines.Any(l => l.StartsWith("::error", StringComparison.Ordinal)), result.ToString());
        Assert.IsFalse(api.Requests.Any(r => r.Path.EndsWith("/dispatches", StringComparison.Ordinal)), "a warn check never calls the rollback");
        var statuses = api.Requests.Where(r => r.Path.EndsWith("/statuses/0123456789abcdef0123456789abcdef01234567", StringComparison.Ordinal)).ToList();
        Assert.AreEqual("success", State(statuses[^1]));

        var summary = File.ReadAllText(InWork("step-summary.md"));
        StringAssert.Matches(summary, new System.Text.RegularExpressions.Regex(@"^## ✅ The release in namespace \S+ passed verification\n"), "the headline names the namespace");
        StringAssert.Contains(summary, "**Warnings** (severity warn: reported, never blocking):");
        StringAssert.Contains(summary, "- ⚠️ memory-ceiling (severity warn, not blocking): ");

        var report = JsonDocument.Parse(File.ReadAllText(InWork("out/report.json"))).RootElement;
        Assert.AreEqual("passed", report.GetProperty("verdict").GetString());
        Assert.AreEqual("memory-ceiling", report.GetProperty("warnedChecks")[0].GetString());
        var ceiling = report.GetProperty("checks")[1];
        Assert.AreEqual("failed", ceiling.GetProperty("outcome").GetString());
        Assert.AreEqual("warn", ceiling.GetProperty("severity").GetString());
        Assert.AreEqual("2024-08-16T13:55:00+00:00", report.GetProperty("decidedAt").GetString(), "the warn failure did not stop the soak");
    }

    [TestMethod]
    public async Task Verify_GitHubHealthyWithoutDeploymentId_CommitStatusSuccess()
    {
        using var api = new StandInServer(GitHubAnswer);

        var result = await VerifyAsync(Healthy, WriteChecklist(""), GitHubEnvironment(api.Url));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var statuses = api.Requests.Where(r => r.Path == "/api/v3/repos/octo/shop/statuses/0123456789abcdef0123456789abcdef01234567").ToList();
        Assert.AreEqual("pending", State(statuses[0]));
        Assert.AreEqual("success", State(statuses[^1]));
        Assert.AreEqual("deploy-verifier", JsonDocument.Parse(statuses[^1].Body).RootElement.GetProperty("context").GetString());
    }

    [TestMethod]
    public async Task Verify_GitHubApiDown_VerdictAndExitCodeUnchangedWithWarning()
    {
        var environment = GitHubEnvironment(new Uri($"http://127.0.0.1:{StandInServer.FreePort()}/"));
        environment["INPUT_DEPLOYMENT-ID"] = "42";
        var checklist = WriteChecklist("rollback:\n  githubWorkflow: {workflow: rollback.yml, ref: main}");

        var result = await VerifyAsync(CrashLoop, checklist, environment);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "::warning title=deploy-verifier::could not post the in_progress status to deployment 42 of octo/shop");
        StringAssert.Contains(result.Output, "Rollback FAILED: workflow rollback.yml of octo/shop could not be dispatched");
        StringAssert.Contains(File.ReadAllText(InWork("github-output.txt")), "\nfailed\n");
    }

    [TestMethod]
    public async Task Verify_GitHubSummaryNotWritable_VerdictAndExitCodeUnchangedWithWarning()
    {
        using var api = new StandInServer(GitHubAnswer);
        var environment = GitHubEnvironment(api.Url);
        environment["GITHUB_STEP_SUMMARY"] = _work.FullName;

        var result = await VerifyAsync(Healthy, WriteChecklist(""), environment);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "::warning title=deploy-verifier::could not write the step summary");
        StringAssert.Contains(File.ReadAllText(InWork("github-output.txt")), "\npassed\n");
    }

    [TestMethod]
    public async Task Verify_GitHubInvalidChecklist_ErrorAnnotationWithPlace()
    {
        var checklist = InWork("bad.yml");
        File.WriteAllText(checklist, "soak: {interval: 30 mins}\nchecks:\n  - {name: a, query: up, max: 1}\n");

        var result = await VerifyAsync(Healthy, checklist, GitHubEnvironment(new Uri("http://127.0.0.1:9/")));

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "::error file=bad.yml,line=1,col=18,title=deploy-verifier%3A invalid input::soak.interval: '30 mins' is not a duration");
        StringAssert.Contains(result.Error, "error: ");
    }

    [TestMethod]
    public async Task Verify_AzureCrashLoop_LoggingCommandsAndPipelineRun()
    {
        using var api = new StandInServer(_ => (200, """{"id": 314}"""));
        var checklist = WriteChecklist("""
            rollback:
              azurePipeline: {pipelineId: 42, branch: refs/heads/main, templateParameters: {verdict: "${verdict}"}}
            """);
        var environment = new Dictionary<string, string>
        {
            ["TF_BUILD"] = "True",
            ["SYSTEM_ACCESSTOKEN"] = "azp-integration-token",
            ["SYSTEM_TEAMFOUNDATIONCOLLECTIONURI"] = new Uri(api.Url, "contoso/").ToString(),
            ["SYSTEM_TEAMPROJECT"] = "Shop",
            ["AGENT_TEMPDIRECTORY"] = _work.FullName,
        };

        var result = await VerifyAsync(CrashLoop, checklist, environment);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        var lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.AreEqual("##vso[task.setsecret]azp-integration-token", lines[0]);
        CollectionAssert.Contains(lines, "##[group]Soak");
        Assert.IsTrue(lines.Any(l => l.StartsWith("##vso[task.setprogress value=", StringComparison.Ordinal)), result.ToString());
        CollectionAssert.Contains(lines, "##[endgroup]");
        CollectionAssert.Contains(lines, "##vso[task.setvariable variable=verdict;isOutput=true]failed");
        Assert.IsTrue(lines.Any(l => l.StartsWith("##vso[task.setvariable variable=decidedAt;isOutput=true]2024-08-16T", StringComparison.Ordinal)));
        var summary = Path.Combine(_work.FullName, "deploy-verifier-summary.md");
        CollectionAssert.Contains(lines, $"##vso[task.uploadsummary]{summary}");
        StringAssert.Matches(File.ReadAllText(summary), new System.Text.RegularExpressions.Regex(@"^## ❌ The release in namespace \S+ failed verification\n"));
        StringAssert.StartsWith(lines.Last(l => l.Length > 0), "##vso[task.complete result=Failed]failed: restarts:");

        var run = api.Requests.Single();
        Assert.AreEqual("POST", run.Method);
        Assert.AreEqual("/contoso/Shop/_apis/pipelines/42/runs?api-version=7.1", run.Path);
        Assert.AreEqual("Bearer azp-integration-token", run.Authorization);
        var body = JsonDocument.Parse(run.Body).RootElement;
        Assert.AreEqual("failed", body.GetProperty("templateParameters").GetProperty("verdict").GetString());
        Assert.AreEqual("refs/heads/main", body.GetProperty("resources").GetProperty("repositories").GetProperty("self").GetProperty("refName").GetString());
        StringAssert.Contains(result.Output, "queued as run 314");
    }

    [TestMethod]
    public async Task Verify_AzureInconclusiveWarn_SucceededWithIssuesExitZero()
    {
        var environment = new Dictionary<string, string> { ["TF_BUILD"] = "True", ["AGENT_TEMPDIRECTORY"] = _work.FullName, ["DEPLOY_VERIFIER_INCONCLUSIVE"] = "warn" };

        // A namespace with no series: no data, so the verdict is inconclusive.
        var result = await VerifyAsync("ns-missing", WriteChecklist(""), environment);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "##vso[task.setvariable variable=verdict;isOutput=true]inconclusive");
        StringAssert.Contains(result.Output, "##vso[task.complete result=SucceededWithIssues]the verdict is inconclusive");
    }
}
