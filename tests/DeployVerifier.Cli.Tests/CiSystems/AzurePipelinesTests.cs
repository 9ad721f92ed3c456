using DeployVerifier.Cli;
using DeployVerifier.Cli.CiSystems;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;

namespace DeployVerifier.CiSystems;

[TestClass]
public sealed class AzurePipelinesTests
{
    private readonly DirectoryInfo _temp = Some.TempDirectory();
    private readonly StringWriter _console = new();

    [TestCleanup]
    public void Cleanup() => _temp.Delete(recursive: true);

    private AzurePipelines Create(string? agentTemp = null) =>
        new(new DictionaryEnvironment(new Dictionary<string, string> { ["TF_BUILD"] = "True", ["AGENT_TEMPDIRECTORY"] = agentTemp ?? _temp.FullName }),
            _console, new SideFiles());

    private string[] Lines => _console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private static CiConclusion Conclusion(Verdict verdict, bool warned = false, string? summaryPath = null) =>
        new(Some.Report(verdict), "## summary\n", Some.Invocation(), null, summaryPath, warned ? ExitCode.Passed : ExitCode.Failed, warned);

    [TestMethod]
    public void Annotate_LocatedError_LogIssueWithPlace()
    {
        Create().Annotate([Some.Error("soak.interval: '30 mins' is not a duration; use 30m", 2, 18)]);

        CollectionAssert.AreEqual(
            new[] { "##vso[task.logissue type=error;sourcepath=checklist.yml;linenumber=2;columnnumber=18]soak.interval: '30 mins' is not a duration%3B use 30m" },
            Lines);
    }

    [TestMethod]
    public void MaskCommands_Secret_SetSecret() =>
        CollectionAssert.AreEqual(new[] { "##vso[task.setsecret]a%3Bb%5D" }, Create().MaskCommands("a;b]").ToList());

    [TestMethod]
    public void Observe_Progress_GroupAndProgressPercent()
    {
        var azure = Create();
        var schedule = Some.Schedule();
        var observer = azure.Observe(new RecordingObserver(), Some.Invocation());

        observer.Started(schedule, replaying: false);
        observer.Progressed(Some.Progress(schedule, 12, passing: 2));
        azure.SoakEnded();

        CollectionAssert.AreEqual(
            new[] { "##[group]Soak", "##vso[task.setprogress value=0]Soaking", "##vso[task.setprogress value=40]Soaking", "##[endgroup]" },
            Lines);
    }

    [TestMethod]
    public async Task Conclude_Failed_UploadsSummarySetsVariablesAndFails()
    {
        await Create().ConcludeAsync(Conclusion(Verdict.Failed));

        var summary = Path.Combine(_temp.FullName, AzurePipelines.SummaryFileName);
        Assert.AreEqual("## summary\n", File.ReadAllText(summary));
        CollectionAssert.AreEqual(
            new[]
            {
                $"##vso[task.uploadsummary]{summary}",
                "##vso[task.setvariable variable=verdict;isOutput=true]failed",
                "##vso[task.setvariable variable=decidedAt;isOutput=true]2024-08-16T13:57:00Z",
                "##vso[task.logissue type=error]failed: restarts: 4 restarts in pod checkout-1",
                "##vso[task.complete result=Failed]failed: restarts: 4 restarts in pod checkout-1",
            },
            Lines);
    }

    [TestMethod]
    public async Task Conclude_SummaryGiven_UploadsThatFile()
    {
        var path = Path.Combine(_temp.FullName, "given.md");

        await Create().ConcludeAsync(Conclusion(Verdict.Passed, summaryPath: path));

        Assert.AreEqual($"##vso[task.uploadsummary]{path}", Lines[0]);
        Assert.AreEqual("##vso[task.complete result=Succeeded]passed: restarts: 4 restarts in pod checkout-1", Lines[^1]);
    }

    [TestMethod]
    public async Task Conclude_WarnSeverityFailure_WarningAndSucceededWithIssues()
    {
        await Create().ConcludeAsync(new CiConclusion(Some.WarnedReport(), "## summary\n", Some.Invocation(), null, null, ExitCode.Passed, false));

        CollectionAssert.Contains(Lines, "##vso[task.logissue type=warning]cpu-redundancy (severity warn, not blocking): the fleet can't lose a pod");
        StringAssert.StartsWith(Lines[^1], "##vso[task.complete result=SucceededWithIssues]passed: ");
    }

    [TestMethod]
    public async Task Conclude_InconclusiveWarned_SucceededWithIssues()
    {
        await Create().ConcludeAsync(Conclusion(Verdict.Inconclusive, warned: true));

        StringAssert.StartsWith(Lines[^1], "##vso[task.complete result=SucceededWithIssues]the verdict is inconclusive");
        StringAssert.StartsWith(Lines[^2], "##vso[task.logissue type=warning]");
    }

    [TestMethod]
    public async Task Conclude_TempNotWritable_WarnsAndStillCompletes()
    {
        var file = Path.Combine(_temp.FullName, "a-file");
        File.WriteAllText(file, "");

        await Create(agentTemp: file).ConcludeAsync(Conclusion(Verdict.Failed));

        StringAssert.StartsWith(Lines[0], "##vso[task.logissue type=warning]could not write the Markdown summary");
        StringAssert.StartsWith(Lines[^1], "##vso[task.complete result=Failed]");
    }
}
