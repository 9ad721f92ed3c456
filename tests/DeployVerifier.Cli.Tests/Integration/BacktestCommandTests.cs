using System.Text.Json;
using DeployVerifier.Support;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// <c>backtest</c> as a process against a real Prometheus holding five releases of one Deployment in one namespace,
/// half an hour apart: healthy, a crash loop rolled back after 6 minutes, healthy, an error spike, healthy.
/// </summary>
[TestClass]
public sealed class BacktestCommandTests
{
    private const string Namespace = "bt-shop";
    private static readonly DateTimeOffset T0 = new(2024, 8, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Expected = ["passed", "failed", "passed", "failed", "passed"];
    private static PrometheusServer? s_server;
    private static ReleaseHistory? s_history;
    private static string s_directory = "";

    [ClassInitialize]
    public static async Task StartPrometheus(TestContext context)
    {
        ReleaseSpec At(ReleaseSpec spec, int k) => spec with { DeployedAt = T0.AddMinutes(30 * k), PreMinutes = k == 0 ? 20 : 10, PostMinutes = 15 };
        s_history = ReleaseHistory.Sequence(
            At(ReleaseSpec.Healthy(Namespace), 0),
            At(ReleaseSpec.CrashLoop(Namespace) with { RolledBackAfterMinutes = 6 }, 1),
            At(ReleaseSpec.Healthy(Namespace), 2),
            At(ReleaseSpec.ErrorSpike(Namespace), 3),
            At(ReleaseSpec.Healthy(Namespace), 4));
        s_server = await PrometheusServer.StartAsync(s_history);
        s_directory = Directory.CreateTempSubdirectory("dv-backtest-").FullName;
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

    private static string ReplicaSet(int k) => s_history!.Scenarios[k].NewPods[0][..s_history.Scenarios[k].NewPods[0].LastIndexOf('-')];

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Workspace(string? releases = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(s_directory, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(folder, "checks.yml"), TestChecklists.ReleaseRestartsAndErrors);
        if (releases is not null)
        {
            File.WriteAllText(Path.Combine(folder, "releases.txt"), releases);
        }

        return folder;
    }

    private static Task<ProcessResult> Backtest(string workspace, Uri? url, params string[] selection) =>
        DeployVerifierProcess.RunAsync(
            ["backtest", "--checklist", "checks.yml", "--prometheus-url", (url ?? s_server!.Url).ToString(), "--var", $"namespace={Namespace}",
                "--report-json", "backtest.json", "--summary-md", "backtest.md", "--report-html", "backtest.html", .. selection],
            workingDirectory: workspace);

    private static JsonElement Report(string workspace) => JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace, "backtest.json"))).RootElement;

    private static string KnownReleases(int flip = -1) => "# our releases\n" + string.Join("\n", Expected.Select((verdict, k) =>
        $"{Time(T0.AddMinutes((30 * k) + 2))} {(k == flip ? (verdict == "passed" ? "failed" : "passed") : verdict)} release {k}  # two minutes late")) + "\n";

    [TestMethod]
    public async Task Backtest_Window_FindsEveryReleaseAndJudgesEachAsVerifyWould()
    {
        var workspace = Workspace();

        var result = await Backtest(workspace, null, "--from", Time(T0.AddMinutes(-10)), "--to", Time(T0.AddMinutes(130)));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var releases = Report(workspace).GetProperty("releases").EnumerateArray().ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, 5).Select(ReplicaSet).ToList(), releases.Select(r => r.GetProperty("name").GetString()).ToList(), result.ToString());
        CollectionAssert.AreEqual(Expected, releases.Select(r => r.GetProperty("verdict").GetString()).ToList(), result.ToString());
        Assert.AreEqual(Time(T0.AddMinutes(90)), Time(releases[3].GetProperty("deployedAt").GetDateTimeOffset()));
        Assert.AreEqual("error-ratio", releases[3].GetProperty("failingCheck").GetString());
        Assert.AreEqual("failed", releases[3].GetProperty("report").GetProperty("verdict").GetString());
        Assert.AreEqual("not-needed", releases[3].GetProperty("report").GetProperty("rollback").GetProperty("state").GetString());
        Assert.AreEqual(2, Report(workspace).GetProperty("totals").GetProperty("failed").GetInt32());
        Assert.IsTrue(Report(workspace).GetProperty("prometheus").GetProperty("requests").GetInt64() <= (6 * 2 * 5) + 10, "at most 6 requests per check per release, plus discovery and preflight");
        StringAssert.Contains(File.ReadAllText(Path.Combine(workspace, "backtest.md")), $"| {ReplicaSet(3)} | ❌ failed |");
        var html = File.ReadAllText(Path.Combine(workspace, "backtest.html"));
        StringAssert.Contains(html, "<details class=\"release\" id=\"release-5\">");
        StringAssert.Contains(html, "mark-failed");
        StringAssert.Contains(result.Output, $"{ReplicaSet(1)}: failed");
        Assert.IsFalse(result.Output.Contains("Waiting for release data", StringComparison.Ordinal), "a backtest never waits at the barrier");
    }

    [TestMethod]
    public async Task Backtest_RolledBackRelease_FailsOnItsOwnPodsBeforeTheRollback()
    {
        var workspace = Workspace();

        var result = await Backtest(workspace, null, "--from", Time(T0.AddMinutes(20)), "--to", Time(T0.AddMinutes(70)));

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var releases = Report(workspace).GetProperty("releases").EnumerateArray().ToList();
        Assert.AreEqual(2, releases.Count, result.ToString());
        Assert.AreEqual("restarts", releases[0].GetProperty("failingCheck").GetString());
        Assert.IsTrue(releases[0].GetProperty("decidedAt").GetDateTimeOffset() < T0.AddMinutes(36), "decided before the rollback");
        Assert.IsFalse(releases[0].GetProperty("superseded").GetBoolean());

        // The release after the rollback replaced the pods the undo started, and is judged on its own.
        Assert.AreEqual("passed", releases[1].GetProperty("verdict").GetString(), result.ToString());
    }

    [TestMethod]
    public async Task Backtest_LabelRollbacks_LabelsTheUndoneReleaseBadAndGivesTheAccuracy()
    {
        var workspace = Workspace();

        var result = await Backtest(workspace, null, "--from", Time(T0.AddMinutes(-10)), "--to", Time(T0.AddMinutes(130)), "--label-rollbacks", "1h");

        Assert.AreEqual(1, result.ExitCode, "the error spike was not rolled back, so its failure disagrees with its label: " + result);
        var report = Report(workspace);
        var releases = report.GetProperty("releases").EnumerateArray().ToList();
        CollectionAssert.AreEqual(new[] { "passed", "not-passed", "passed", "passed", "passed" }, releases.Select(r => r.GetProperty("expected").GetString()).ToList(),
            result.ToString());
        Assert.IsFalse(releases[1].GetProperty("rolledBackByVerifier").GetBoolean(), "a rollback by hand: no annotation");
        Assert.IsFalse(releases[3].GetProperty("agrees").GetBoolean());
        var checklist = report.GetProperty("accuracy").GetProperty("checklist");
        Assert.AreEqual(1, checklist.GetProperty("caught").GetInt32());
        Assert.AreEqual(0, checklist.GetProperty("missed").GetInt32());
        Assert.AreEqual(1, checklist.GetProperty("falseAlarms").GetInt32());
        Assert.AreEqual(3, checklist.GetProperty("goodPassed").GetInt32());
        Assert.AreEqual(0.5, checklist.GetProperty("precision").GetDouble());
        Assert.AreEqual(1.0, checklist.GetProperty("recall").GetDouble());
        Assert.AreEqual(0.25, checklist.GetProperty("falseAlarmRate").GetDouble());
        Assert.AreEqual(1, checklist.GetProperty("timeToDetect").GetProperty("values").GetArrayLength());
        Assert.AreEqual("1h", report.GetProperty("settings").GetProperty("labelRollbacks").GetString());
        var restarts = report.GetProperty("accuracy").GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "restarts");
        Assert.AreEqual(ReplicaSet(1), restarts.GetProperty("caughtFirst")[0].GetString());
        StringAssert.Contains(result.Output, "labelled by rollbacks within 1h");
        StringAssert.Contains(File.ReadAllText(Path.Combine(workspace, "backtest.md")), "| bad | 1 caught | 0 missed |");
        StringAssert.Contains(File.ReadAllText(Path.Combine(workspace, "backtest.html")), "<h2>Accuracy against the labels</h2>");
    }

    [TestMethod]
    public async Task Backtest_LabelRollbacksWithAReleasesFile_Exits2()
    {
        var workspace = Workspace(KnownReleases());

        var result = await Backtest(workspace, null, "--releases", "releases.txt", "--label-rollbacks", "2h");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "--label-rollbacks labels the releases a window finds, and --releases FILE gives its own expected verdicts");
    }

    [TestMethod]
    public async Task Backtest_ReleasesFileWithExpectedVerdicts_Exits0()
    {
        var workspace = Workspace(KnownReleases());

        var result = await Backtest(workspace, null, "--releases", "releases.txt");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var report = Report(workspace);
        CollectionAssert.AreEqual(Enumerable.Range(0, 5).Select(k => $"release {k}").ToList(),
            report.GetProperty("releases").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList());
        Assert.AreEqual(Time(T0.AddMinutes(30)), Time(report.GetProperty("releases")[1].GetProperty("deployedAt").GetDateTimeOffset()), "snapped to the release's start");
        Assert.AreEqual(ReplicaSet(1), report.GetProperty("releases")[1].GetProperty("release").GetString());
        var expectations = report.GetProperty("expectations");
        Assert.AreEqual(0, expectations.GetProperty("disagreeing").GetInt32());
        Assert.AreEqual(2, expectations.GetProperty("badCaught").GetInt32());
        Assert.AreEqual(0, expectations.GetProperty("goodBlocked").GetInt32());
    }

    [TestMethod]
    public async Task Backtest_OneExpectationFlipped_Exits1AndSaysWhich()
    {
        var workspace = Workspace(KnownReleases(flip: 2));

        var result = await Backtest(workspace, null, "--releases", "releases.txt");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "release 2: passed");
        StringAssert.Contains(result.Output, "DISAGREES: expected failed");
        var flipped = Report(workspace).GetProperty("releases")[2];
        Assert.IsFalse(flipped.GetProperty("agrees").GetBoolean());
        Assert.AreEqual(4, flipped.GetProperty("line").GetInt32(), "the comment is line 1");
        StringAssert.Contains(File.ReadAllText(Path.Combine(workspace, "backtest.html")), "details class=\"release disagrees\"");
    }

    [TestMethod]
    public async Task Backtest_ABadReleaseFailedAfterItsDeadline_IsMissed_Exits1AndSaysWhen()
    {
        // error-ratio waits 2 min before its first look, so the error spike (release 3) can't fail within 1 min; the crash loop fails within 30.
        var releases = KnownReleases().Replace(" failed release 1 ", " failed within 30m release 1 ", StringComparison.Ordinal)
            .Replace(" failed release 3 ", " failed within 1m release 3 ", StringComparison.Ordinal);
        var workspace = Workspace(releases);

        var result = await Backtest(workspace, null, "--releases", "releases.txt");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        var report = Report(workspace);
        var crashLoop = report.GetProperty("releases")[1];
        var errorSpike = report.GetProperty("releases")[3];
        Assert.AreEqual(1800, crashLoop.GetProperty("deadlineSeconds").GetDouble());
        Assert.IsTrue(crashLoop.GetProperty("agrees").GetBoolean(), result.ToString());
        Assert.AreEqual("release 3", errorSpike.GetProperty("name").GetString(), "'within 1m' is not part of the name");
        Assert.AreEqual("failed", errorSpike.GetProperty("verdict").GetString());
        Assert.AreEqual("failed", errorSpike.GetProperty("expected").GetString());
        Assert.AreEqual(60, errorSpike.GetProperty("deadlineSeconds").GetDouble());
        Assert.IsFalse(errorSpike.GetProperty("agrees").GetBoolean());
        Assert.IsFalse(report.GetProperty("releases")[0].TryGetProperty("deadlineSeconds", out _), "no deadline, no field");
        var after = TimeSpan.FromSeconds(errorSpike.GetProperty("decidedAfterSeconds").GetDouble());
        Assert.IsTrue(after > TimeSpan.FromMinutes(1), $"decided after {after}");
        var late = $"failed at +{Quantities.PromDuration.Format(after)}, after its 1m deadline";
        StringAssert.Contains(result.Output, $"release 3: failed after {Quantities.PromDuration.Humanize(after)} — DISAGREES: expected failed within 1m ({late})");
        Assert.AreEqual(1, report.GetProperty("expectations").GetProperty("badCaught").GetInt32());
        Assert.AreEqual(1, report.GetProperty("expectations").GetProperty("badMissed").GetInt32());
        Assert.AreEqual(1, report.GetProperty("accuracy").GetProperty("checklist").GetProperty("missed").GetInt32(), "the accuracy counts it missed too");
        StringAssert.Contains(File.ReadAllText(Path.Combine(workspace, "backtest.md")), $"❌ failed **(expected failed within 1m; {late})**");
        StringAssert.Contains(File.ReadAllText(Path.Combine(workspace, "backtest.html")), $"DISAGREES ({late})");
    }

    [TestMethod]
    public async Task Backtest_ReleasesFileWithBadLines_Exits2NamingEachLine()
    {
        var workspace = Workspace("# releases\n2024-08-20 10:00 passed\n\n2024-08-20T10:30:00Z caught\n2024-08-20T11:00:00Z passed fine\n2024-08-20T11:30:00Z passed within 30m\n");

        var result = await Backtest(workspace, null, "--releases", "releases.txt");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "releases.txt:2:1: '2024-08-20' is not an RFC 3339 time");
        StringAssert.Contains(result.Error, "releases.txt:4:1: 'caught' is not a verdict");
        StringAssert.Contains(result.Error, "releases.txt:6:1: 'passed within 30m': a good release has no deadline");
        Assert.IsFalse(result.Error.Contains("releases.txt:5", StringComparison.Ordinal), result.Error);
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "backtest.json")), "nothing was run");
    }

    [TestMethod]
    public async Task Backtest_ReleasesFileNamingNoReleaseOrOneTwice_Exits2NamingEachLine()
    {
        var workspace = Workspace($"{Time(T0.AddHours(-10))} passed\n{Time(T0.AddMinutes(30))} failed\n{Time(T0.AddMinutes(31))} failed\n");

        var result = await Backtest(workspace, null, "--releases", "releases.txt");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "releases.txt:1:1:");
        StringAssert.Contains(result.Error, "releases.txt:3:1:");
        StringAssert.Contains(result.Error, "as line 2 does already");
    }

    [TestMethod]
    public async Task Backtest_PrometheusGoesAwayMidway_Exits3WithTheReleasesJudgedSoFar()
    {
        var workspace = Workspace(KnownReleases());
        File.WriteAllText(Path.Combine(workspace, "checks.yml"), "prometheus: {patience: 5s}\n" + TestChecklists.ReleaseRestartsAndErrors);
        using var proxy = new CuttingProxy(s_server!.Url, T0.AddMinutes(59));

        var result = await Backtest(workspace, proxy.Url, "--releases", "releases.txt", "--parallel", "1");

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        var report = Report(workspace);
        var verdicts = report.GetProperty("releases").EnumerateArray().Select(r => r.GetProperty("verdict").GetString()).ToList();
        CollectionAssert.AreEqual(new[] { "passed", "failed", "inconclusive", "inconclusive", "inconclusive" }, verdicts, result.ToString());
        StringAssert.Contains(report.GetProperty("releases")[4].GetProperty("reason").GetString(), "Prometheus could not be read");
        Assert.AreNotEqual(JsonValueKind.Null, report.GetProperty("prometheus").GetProperty("outage").ValueKind);
        StringAssert.Contains(result.Error, "exit code 3");
    }

    [TestMethod]
    [DataRow(new string[0], "say which releases to judge", DisplayName = "no selection")]
    [DataRow(new[] { "--since", "30d", "--releases", "releases.txt" }, "give only one of", DisplayName = "two selections")]
    [DataRow(new[] { "--from", "2024-08-20T12:00:00Z", "--to", "2024-08-20T10:00:00Z" }, "is not before --to", DisplayName = "window backwards")]
    [DataRow(new[] { "--from", "yesterday" }, "--from 'yesterday' is not an RFC 3339 time", DisplayName = "bad time")]
    [DataRow(new[] { "--since", "a month" }, "--since 'a month' is not a duration", DisplayName = "bad duration")]
    [DataRow(new[] { "--releases", "missing.txt" }, "the releases file 'missing.txt' does not exist", DisplayName = "no file")]
    [DataRow(new[] { "--from", "2020-01-01T00:00:00Z", "--to", "2020-01-02T00:00:00Z" }, "found no release that started between", DisplayName = "empty window")]
    [DataRow(new[] { "--since", "1d", "--parallel", "0" }, "--parallel 0 is not from 1 to 16", DisplayName = "bad parallel")]
    public async Task Backtest_InvalidInput_Exits2(string[] selection, string message)
    {
        var workspace = Workspace();

        var result = await Backtest(workspace, null, selection);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, message);
    }
}
