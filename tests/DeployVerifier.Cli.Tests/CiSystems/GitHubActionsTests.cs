using DeployVerifier.Cli;
using DeployVerifier.Cli.CiSystems;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Output;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;

namespace DeployVerifier.CiSystems;

[TestClass]
public sealed class GitHubActionsTests
{
    private readonly DirectoryInfo _temp = Some.TempDirectory();
    private readonly StringWriter _console = new();

    [TestCleanup]
    public void Cleanup() => _temp.Delete(recursive: true);

    private string TempPath(string name) => Path.Combine(_temp.FullName, name);

    private GitHubActions Create(Dictionary<string, string>? variables = null, IGitHubStatusApi? api = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_WORKSPACE"] = _temp.FullName,
            ["GITHUB_OUTPUT"] = TempPath("output.txt"),
            ["GITHUB_STEP_SUMMARY"] = TempPath("summary.md"),
        };
        foreach (var (key, value) in variables ?? [])
        {
            environment[key] = value;
        }

        return new GitHubActions(new DictionaryEnvironment(environment), _console, new SideFiles(), _ => api);
    }

    private static CiConclusion Conclusion(Verdict verdict, string? json = null, bool warned = false) =>
        new(Some.Report(verdict), "## summary\n", Some.Invocation(), json, null, warned ? ExitCode.Passed : ExitCode.Failed, warned);

    private static Dictionary<string, string> ReadOutputs(string path)
    {
        var outputs = new Dictionary<string, string>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split("<<", 2);
            var value = new List<string>();
            while (lines[++i] != parts[1])
            {
                value.Add(lines[i]);
            }

            outputs[parts[0]] = string.Join("\n", value);
        }

        return outputs;
    }

    [TestMethod]
    public void Annotate_LocatedError_ErrorCommandWithWorkspaceRelativeFile()
    {
        var github = Create();

        github.Annotate([Some.Error("checks[0].max: '1 %' is not a quantity, sorry", 4, 10, Path.Combine(_temp.FullName, "deploy", "checklist.yml"))]);

        Assert.AreEqual("::error file=deploy/checklist.yml,line=4,col=10,title=deploy-verifier%3A invalid input::checks[0].max: '1 %25' is not a quantity, sorry\n",
            _console.ToString().ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void Annotate_TwelveErrors_AtMostTenAnnotations()
    {
        var github = Create();

        github.Annotate([.. Enumerable.Range(1, 12).Select(i => Some.Error($"problem {i}", i))]);

        var lines = _console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(GitHubCommands.MaxAnnotations, lines);
        Assert.IsTrue(lines.All(l => l.StartsWith("::error ", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void MaskCommands_MultiLineSecret_OneMaskPerLine()
    {
        var masks = Create().MaskCommands("line-one\r\nline%two\n").ToList();

        CollectionAssert.AreEqual(new[] { "::add-mask::line-one", "::add-mask::line%25two" }, masks);
    }

    [TestMethod]
    public async Task Conclude_Failed_WritesOutputsAndSummary()
    {
        var github = Create();
        var json = TempPath("reports/report.json");

        await github.ConcludeAsync(Conclusion(Verdict.Failed, json));

        var outputs = ReadOutputs(TempPath("output.txt"));
        Assert.AreEqual("failed", outputs["verdict"]);
        Assert.AreEqual("2024-08-16T13:57:00Z", outputs["decided-at"]);
        Assert.AreEqual("reports/report.json", outputs["report"]);
        StringAssert.StartsWith(File.ReadAllText(TempPath("summary.md")), "## summary");
        StringAssert.Contains(_console.ToString(), "::error title=Release failed verification::failed: restarts: 4 restarts in pod checkout-1");
    }

    [TestMethod]
    public async Task Conclude_WarnSeverityFailure_WarningAnnotationAndNoError()
    {
        await Create().ConcludeAsync(new CiConclusion(Some.WarnedReport(), "## summary\n", Some.Invocation(), null, null, ExitCode.Passed, false));

        var lines = _console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        CollectionAssert.Contains(lines,
            "::warning title=Check failed (severity warn)::cpu-redundancy (severity warn, not blocking): the fleet can't lose a pod");
        Assert.IsFalse(lines.Any(l => l.StartsWith("::error", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public async Task Conclude_TwoRuns_SummaryAppended()
    {
        File.WriteAllText(TempPath("summary.md"), "earlier step\n");

        await Create().ConcludeAsync(Conclusion(Verdict.Passed));

        StringAssert.StartsWith(File.ReadAllText(TempPath("summary.md")), "earlier step\n## summary");
    }

    [TestMethod]
    public async Task Interim_ThenConclude_SummaryReplacedNotAppendedTwice()
    {
        File.WriteAllText(TempPath("summary.md"), "earlier step\n");
        var github = Create();

        github.Interim("## rollback pending\n");
        StringAssert.Contains(File.ReadAllText(TempPath("summary.md")), "## rollback pending");
        await github.ConcludeAsync(Conclusion(Verdict.Failed));

        var text = File.ReadAllText(TempPath("summary.md"));
        StringAssert.StartsWith(text, "earlier step\n## summary");
        Assert.DoesNotContain("rollback pending", text);
    }

    [TestMethod]
    public async Task Conclude_SummaryNotWritable_WarnsAndStillWritesOutputs()
    {
        var github = Create(new() { ["GITHUB_STEP_SUMMARY"] = _temp.FullName });

        await github.ConcludeAsync(Conclusion(Verdict.Passed));

        StringAssert.Contains(_console.ToString(), "::warning title=deploy-verifier::could not write the step summary");
        Assert.AreEqual("passed", ReadOutputs(TempPath("output.txt"))["verdict"]);
    }

    [TestMethod]
    public async Task Conclude_InconclusiveWarned_WarningAnnotationNotError()
    {
        await Create().ConcludeAsync(Conclusion(Verdict.Inconclusive, warned: true));

        var console = _console.ToString();
        StringAssert.Contains(console, "::warning title=Release verification inconclusive::the verdict is inconclusive");
        Assert.DoesNotContain("::error", console);
    }

    [TestMethod]
    public async Task Conclude_WithStatusApi_PostsFinalStateAndSaysSoInSummary()
    {
        var api = new RecordingStatusApi();
        var github = Create(api: api);
        var observer = github.Observe(new RecordingObserver(), Some.Invocation(deploymentId: 42));
        var schedule = Some.Schedule();
        observer.Started(schedule, replaying: false);
        observer.Progressed(Some.Progress(schedule, 12, passing: 1));
        github.SoakEnded();

        await github.ConcludeAsync(Conclusion(Verdict.Failed));

        CollectionAssert.AreEqual(
            new[] { "InProgress: soaking: 0 of 30 min, 59 evaluations ahead", "InProgress: soaking: 12 of 30 min, 1/2 checks passing",
                "Failure: failed: restarts: 4 restarts in pod checkout-1" },
            api.Posted.ToArray());
        StringAssert.Contains(File.ReadAllText(TempPath("summary.md")), "posted 3 statuses to deployment 42: in_progress, in_progress, failure");
        var console = _console.ToString();
        Assert.IsLessThan(console.IndexOf("::endgroup::", StringComparison.Ordinal), console.IndexOf("::group::Soak", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Conclude_StatusApiDown_WarningAndVerdictOutputUnchanged()
    {
        var github = Create(api: new RecordingStatusApi { Fails = true });
        var observer = github.Observe(new RecordingObserver(), Some.Invocation(deploymentId: 42));
        observer.Started(Some.Schedule(), replaying: true);

        await github.ConcludeAsync(Conclusion(Verdict.Failed));

        StringAssert.Contains(_console.ToString(), "::warning title=deploy-verifier::could not post the in_progress status to deployment 42: connection refused");
        Assert.AreEqual("failed", ReadOutputs(TempPath("output.txt"))["verdict"]);
    }

    [TestMethod]
    [DataRow(Verdict.Passed, "Success")]
    [DataRow(Verdict.Failed, "Failure")]
    [DataRow(Verdict.Inconclusive, "Error")]
    public void FinalState_Verdict_Mapped(Verdict verdict, string state) => Assert.AreEqual(state, GitHubActions.FinalState(verdict).ToString());

    [TestMethod]
    public async Task Conclude_NoTokenButDeploymentId_WarnsThatNothingWasPosted()
    {
        var github = new GitHubActions(new DictionaryEnvironment(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" }), _console, new SideFiles());

        await github.ConcludeAsync(Conclusion(Verdict.Passed) with { Invocation = Some.Invocation(deploymentId: 7, InconclusivePolicy.Fail) });

        StringAssert.Contains(_console.ToString(), "::warning title=deploy-verifier::a deployment id was given but there is no token");
    }
}
