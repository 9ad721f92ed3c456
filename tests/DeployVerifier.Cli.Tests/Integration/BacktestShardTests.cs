using System.Text.Json.Nodes;
using DeployVerifier.Support;
using DeployVerifier.Testing;
using YamlDotNet.RepresentationModel;

namespace DeployVerifier.Integration;

/// <summary>
/// <c>backtest --shard I/N</c> and <c>merge-backtests</c> as processes against a real Prometheus holding five releases
/// (as <see cref="BacktestCommandTests"/>): the shards merged give the reports one run gives, run metadata aside; and
/// <c>examples/github/backtest-matrix.yml</c>'s shard and merge commands, run here as its matrix would run them.
/// </summary>
[TestClass]
public sealed class BacktestShardTests
{
    // The namespace the example workflow passes.
    private const string Namespace = "shop";
    private static readonly DateTimeOffset T0 = new(2024, 8, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Expected = ["passed", "failed", "passed", "failed", "passed"];
    private static PrometheusServer? s_server;
    private static string s_directory = "";

    [ClassInitialize]
    public static async Task StartPrometheus(TestContext context)
    {
        ReleaseSpec At(ReleaseSpec spec, int k) => spec with { DeployedAt = T0.AddMinutes(30 * k), PreMinutes = k == 0 ? 20 : 10, PostMinutes = 15 };
        s_server = await PrometheusServer.StartAsync(ReleaseHistory.Sequence(
            At(ReleaseSpec.Healthy(Namespace), 0),
            At(ReleaseSpec.CrashLoop(Namespace) with { RolledBackAfterMinutes = 6 }, 1),
            At(ReleaseSpec.Healthy(Namespace), 2),
            At(ReleaseSpec.ErrorSpike(Namespace), 3),
            At(ReleaseSpec.Healthy(Namespace), 4)));
        s_directory = Directory.CreateTempSubdirectory("dv-shard-").FullName;
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

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A folder with the checklist as deploy-checks.yml and the releases (the third flipped, so one disagrees) as known-releases.txt.</summary>
    private static string Workspace()
    {
        var folder = Directory.CreateDirectory(Path.Combine(s_directory, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(folder, "deploy-checks.yml"), TestChecklists.ReleaseRestartsAndErrors);
        File.WriteAllText(Path.Combine(folder, "known-releases.txt"), "# our releases\n" + string.Join("\n", Expected.Select((verdict, k) =>
            $"{Time(T0.AddMinutes((30 * k) + 2))} {(k == 2 ? "failed" : verdict)} release {k}")) + "\n");
        return folder;
    }

    private static Task<ProcessResult> Run(string workspace, params string[] arguments) => DeployVerifierProcess.RunAsync(arguments, workingDirectory: workspace);

    private static Task<ProcessResult> Backtest(string workspace, params string[] more) =>
        Run(workspace, ["backtest", "--checklist", "deploy-checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--var", $"namespace={Namespace}", .. more]);

    private static string[] Outputs(string name) => ["--report-json", $"{name}.json", "--summary-md", $"{name}.md", "--report-html", $"{name}.html"];

    /// <summary>The JSON report without what differs between runs of the same backtest: when it ran, the requests sent, and which shards it came from.</summary>
    private static string JsonWithoutRunMetadata(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json.Remove("ranAt");
        json.Remove("shard");
        json.Remove("merged");
        json["prometheus"]!.AsObject().Remove("requests");
        return json.ToJsonString();
    }

    /// <summary>The page without its footer line (the requests sent, when it ran).</summary>
    private static string HtmlWithoutRunMetadata(string path) =>
        string.Join("\n", File.ReadAllLines(path).Where(l => !l.Contains(" requests · run at ", StringComparison.Ordinal)));

    private static void AssertSameReports(string workspace, string single, string merged)
    {
        Assert.AreEqual(JsonWithoutRunMetadata(Path.Combine(workspace, $"{single}.json")), JsonWithoutRunMetadata(Path.Combine(workspace, $"{merged}.json")));
        Assert.AreEqual(File.ReadAllText(Path.Combine(workspace, $"{single}.md")), File.ReadAllText(Path.Combine(workspace, $"{merged}.md")));
        Assert.AreEqual(HtmlWithoutRunMetadata(Path.Combine(workspace, $"{single}.html")), HtmlWithoutRunMetadata(Path.Combine(workspace, $"{merged}.html")));
    }

    /// <summary>
    /// Run once for the tests that merge: a whole run over known-releases.txt (single.json/.md/.html, exit 1: release 2
    /// disagrees) and its two shards (shard-1.json holds positions 0, 2, 4; shard-2.json 1, 3).
    /// </summary>
    private static readonly Lazy<Task<string>> s_releasesRun = new(async () =>
    {
        var workspace = Workspace();
        var single = await Backtest(workspace, ["--releases", "known-releases.txt", .. Outputs("single")]);
        var first = await Backtest(workspace, ["--releases", "known-releases.txt", "--shard", "1/2", "--report-json", "shard-1.json"]);
        var second = await Backtest(workspace, ["--releases", "known-releases.txt", "--shard", "2/2", "--report-json", "shard-2.json"]);
        Assert.AreEqual(1, single.ExitCode, single.ToString());
        Assert.AreEqual(1, first.ExitCode, "release 2 disagrees, and shard 1/2 holds it: " + first);
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        return workspace;
    });

    /// <summary>A fresh workspace holding copies of <paramref name="files"/> of <see cref="s_releasesRun"/>'s.</summary>
    private static async Task<string> WithReleasesRun(params string[] files)
    {
        var source = await s_releasesRun.Value;
        var workspace = Workspace();
        foreach (var file in files)
        {
            File.Copy(Path.Combine(source, file), Path.Combine(workspace, file));
        }

        return workspace;
    }

    private static JsonNode Json(string workspace, string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(workspace, file)))!;

    private static List<int> Positions(JsonNode report) => report["releases"]!.AsArray().Select(r => (int)r!["position"]!).ToList();

    [TestMethod]
    public async Task TwoShardsMerged_GiveTheReportsOfOneRun()
    {
        var workspace = Workspace();
        string[] window = ["--from", Time(T0.AddMinutes(-10)), "--to", Time(T0.AddMinutes(130))];

        var single = await Backtest(workspace, [.. window, .. Outputs("single")]);
        var first = await Backtest(workspace, [.. window, "--shard", "1/2", "--report-json", "shard-1.json"]);
        var second = await Backtest(workspace, [.. window, "--shard", "2/2", "--report-json", "shard-2.json"]);
        var merge = await Run(workspace, ["merge-backtests", "shard-2.json", "shard-1.json", .. Outputs("merged")]);

        Assert.AreEqual(0, single.ExitCode, single.ToString());
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        Assert.AreEqual(0, merge.ExitCode, merge.ToString());
        StringAssert.Contains(first.Output, "judging 3 releases (shard 1/2 of the 5)");
        StringAssert.Contains(merge.Output, "merged 2 shards' reports of 5 releases");
        var (shard1, shard2, merged) = (Json(workspace, "shard-1.json"), Json(workspace, "shard-2.json"), Json(workspace, "merged.json"));
        CollectionAssert.AreEqual(new[] { 0, 2, 4 }, Positions(shard1));
        CollectionAssert.AreEqual(new[] { 1, 3 }, Positions(shard2));
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4 }, Positions(merged));
        Assert.AreEqual(2, (int)shard2["shard"]!["index"]!);
        Assert.AreEqual(5, (int)shard2["shard"]!["releases"]!);
        var fingerprint = (string)shard1["shard"]!["fingerprint"]!;
        StringAssert.Matches(fingerprint, new System.Text.RegularExpressions.Regex("^sha256:[0-9a-f]{64}$"));
        Assert.AreEqual(fingerprint, (string?)shard2["shard"]!["fingerprint"], "both shards fingerprint the whole list");
        Assert.AreEqual(fingerprint, (string?)merged["merged"]!["fingerprint"]);
        Assert.AreEqual(2, (int)merged["merged"]!["shards"]!);
        Assert.IsNull(merged["shard"]);
        Assert.IsTrue(shard1["releases"]!.AsArray().All(r => ((string?)r!["html"])?.Contains("release-", StringComparison.Ordinal) == true), "a shard carries its sections");
        Assert.IsTrue(merged["releases"]!.AsArray().All(r => r!["html"] is null), "as one run, the merged report does not");
        Assert.AreEqual(2, (int)merged["totals"]!["failed"]!);
        AssertSameReports(workspace, "single", "merged");
    }

    [TestMethod]
    public async Task Merge_CountsTotalsFromTheRows_NotFromTheShardsTotals()
    {
        var workspace = await WithReleasesRun("single.json", "single.md", "single.html", "shard-1.json", "shard-2.json");
        foreach (var file in new[] { "shard-1.json", "shard-2.json" })
        {
            // Totals no shard could have: summed, they would show; the exit code too must come from the rows.
            var json = Json(workspace, file).AsObject();
            foreach (var total in json["totals"]!.AsObject().Select(t => t.Key).ToList())
            {
                json["totals"]![total] = 1000;
            }

            json["expectations"]!["disagreeing"] = 0;
            File.WriteAllText(Path.Combine(workspace, file), json.ToJsonString());
        }

        var merge = await Run(workspace, ["merge-backtests", "shard-1.json", "shard-2.json", .. Outputs("merged")]);

        Assert.AreEqual(1, merge.ExitCode, "release 2 disagrees, as in one run: " + merge);
        StringAssert.Contains(merge.Output, "3 passed, 2 failed, 0 inconclusive, 0 not finished");
        Assert.AreEqual(5, (int)Json(workspace, "merged.json")["totals"]!["releases"]!);
        Assert.AreEqual(1, (int)Json(workspace, "merged.json")["expectations"]!["disagreeing"]!);
        AssertSameReports(workspace, "single", "merged");
    }

    [TestMethod]
    public async Task MergeWithAShardMissing_Exits2NamingIt()
    {
        var workspace = Workspace();

        var first = await Backtest(workspace, ["--releases", "known-releases.txt", "--shard", "1/3", "--report-json", "shard-1.json"]);
        var merge = await Run(workspace, ["merge-backtests", "shard-1.json", "--report-json", "merged.json"]);

        Assert.AreEqual(0, first.ExitCode, "shard 1/3 holds positions 0 and 3 only, not the disagreeing release 2: " + first);
        Assert.AreEqual(2, merge.ExitCode, merge.ToString());
        StringAssert.Contains(merge.Error, "shards 2, 3 of 3 are missing");
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "merged.json")));
    }

    [TestMethod]
    [DataRow(new[] { "shard-1.json", "shard-1-again.json", "shard-2.json" }, "shard.index 1 is in both 'shard-1.json' and 'shard-1-again.json'", DisplayName = "a shard twice")]
    [DataRow(new[] { "shard-2.json" }, "shard 1 of 2 is missing", DisplayName = "a shard missing")]
    [DataRow(new[] { "shard-1.json", "single.json" }, "'single.json' is not a shard's report", DisplayName = "a whole run's report")]
    [DataRow(new[] { "shard-1.json", "shard-9.json" }, "the report 'shard-9.json' does not exist", DisplayName = "no file")]
    [DataRow(new[] { "shard-1.json", "single.md" }, "'single.md' is not JSON", DisplayName = "not JSON")]
    public async Task Merge_NotEveryShardOnce_Exits2AndWritesNothing(string[] files, string message)
    {
        var workspace = await WithReleasesRun("single.json", "single.md", "shard-1.json", "shard-2.json");
        File.Copy(Path.Combine(workspace, "shard-1.json"), Path.Combine(workspace, "shard-1-again.json"));

        var merge = await Run(workspace, ["merge-backtests", .. files, .. Outputs("merged")]);

        Assert.AreEqual(2, merge.ExitCode, merge.ToString());
        StringAssert.Contains(merge.Error, message);
        Assert.IsFalse(new[] { "merged.json", "merged.md", "merged.html" }.Any(f => File.Exists(Path.Combine(workspace, f))), "nothing is written");
    }

    [TestMethod]
    [DataRow("checklist", "checklist.sha256 differs: sha256:", DisplayName = "another checklist")]
    [DataRow("soak", "settings.soak differs: 10m in 'shard-1.json', 12m in 'other-2.json'", DisplayName = "another soak")]
    [DataRow("list", "shard.fingerprint differs: sha256:", DisplayName = "another list (an expectation no shard 2 release has)")]
    [DataRow("count", "shard.count differs: 2 in 'shard-1.json', 3 in 'other-2.json'", DisplayName = "another shard count")]
    public async Task Merge_ShardsOfDifferentBacktests_Exits2NamingTheFieldAndTheFiles(string change, string message)
    {
        var workspace = await WithReleasesRun("shard-1.json");
        var other = Workspace();
        string[] more = change switch
        {
            "soak" => ["--shard", "2/2", "--soak", "12m"],
            "count" => ["--shard", "2/3"],
            _ => ["--shard", "2/2"],
        };
        if (change == "checklist")
        {
            File.AppendAllText(Path.Combine(other, "deploy-checks.yml"), "# reviewed\n");
        }
        else if (change == "list")
        {
            var releases = Path.Combine(other, "known-releases.txt");
            File.WriteAllText(releases, File.ReadAllText(releases).Replace("passed release 4", "not-passed release 4", StringComparison.Ordinal));
        }

        var shard = await Backtest(other, ["--releases", "known-releases.txt", "--report-json", "other-2.json", .. more]);
        Assert.AreEqual(0, shard.ExitCode, "no shard 2 release disagrees: " + shard);
        File.Copy(Path.Combine(other, "other-2.json"), Path.Combine(workspace, "other-2.json"));
        var merge = await Run(workspace, ["merge-backtests", "shard-1.json", "other-2.json", .. Outputs("merged")]);

        Assert.AreEqual(2, merge.ExitCode, merge.ToString());
        StringAssert.Contains(merge.Error, message);
        StringAssert.Contains(merge.Error, "in 'shard-1.json'");
        StringAssert.Contains(merge.Error, "in 'other-2.json'");
        Assert.AreEqual(1, merge.Error.Split(" differs: ").Length - 1, "only the changed field differs: " + merge.Error);
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "merged.json")), "nothing is written");
    }

    [TestMethod]
    public async Task Merge_AShardThatCouldNotReadPrometheus_Exits3BeforeADisagreement()
    {
        var workspace = Workspace();
        File.WriteAllText(Path.Combine(workspace, "deploy-checks.yml"), "prometheus: {patience: 5s}\n" + TestChecklists.ReleaseRestartsAndErrors);
        using var proxy = new CuttingProxy(s_server!.Url, T0.AddMinutes(59));

        var first = await Backtest(workspace, ["--releases", "known-releases.txt", "--shard", "1/2", "--report-json", "shard-1.json"]);
        var second = await Run(workspace, ["backtest", "--checklist", "deploy-checks.yml", "--prometheus-url", proxy.Url.ToString(), "--var", $"namespace={Namespace}",
            "--releases", "known-releases.txt", "--shard", "2/2", "--parallel", "1", "--report-json", "shard-2.json"]);
        var merge = await Run(workspace, ["merge-backtests", "shard-1.json", "shard-2.json", .. Outputs("merged")]);

        Assert.AreEqual(1, first.ExitCode, "release 2 disagrees: " + first);
        Assert.AreEqual(3, second.ExitCode, "Prometheus went away before release 3: " + second);
        Assert.AreEqual(3, merge.ExitCode, "an outage comes before a disagreement, as in one run: " + merge);
        StringAssert.Contains(merge.Error, "Prometheus could not be read");
        StringAssert.Contains(merge.Error, "exit code 3");
        var merged = Json(workspace, "merged.json");
        Assert.IsNotNull((string?)merged["prometheus"]!["outage"]);
        CollectionAssert.AreEqual(new[] { "passed", "failed", "passed", "inconclusive", "passed" },
            merged["releases"]!.AsArray().Select(r => (string?)r!["verdict"]).ToList());
        Assert.AreEqual(2, (int)merged["expectations"]!["disagreeing"]!, "release 2, and release 3 (inconclusive, expected failed), as one run would count them");
        StringAssert.Contains(File.ReadAllText(Path.Combine(workspace, "merged.md")), "**Prometheus could not be read**");
    }

    [TestMethod]
    [DataRow(new[] { "--shard", "3/2", "--releases", "known-releases.txt" }, "--shard '3/2' is not I/N", DisplayName = "index above count")]
    [DataRow(new[] { "--shard", "x", "--releases", "known-releases.txt" }, "--shard 'x' is not I/N", DisplayName = "not a shard")]
    [DataRow(new[] { "--shard", "0/2", "--releases", "known-releases.txt" }, "--shard '0/2' is not I/N", DisplayName = "index 0")]
    [DataRow(new[] { "--shard", "1/0", "--releases", "known-releases.txt" }, "--shard '1/0' is not I/N", DisplayName = "count 0")]
    [DataRow(new[] { "--shard", "1/2", "--since", "30d" }, "--since's window moves with the clock", DisplayName = "with --since")]
    [DataRow(new[] { "--shard", "1/2", "--from", "2024-08-20T09:00:00Z" }, "--shard needs --to as well as --from", DisplayName = "window ending now")]
    public async Task Backtest_BadShard_Exits2(string[] arguments, string message)
    {
        var workspace = Workspace();

        var result = await Backtest(workspace, [.. arguments, "--report-json", "shard.json"]);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, message);
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "shard.json")), "nothing was run");
    }

    [TestMethod]
    public async Task MatrixExample_ShardsAndMerge_GiveTheReportsOfOneRun()
    {
        var workflow = new YamlStream();
        workflow.Load(new StringReader(File.ReadAllText(RepositoryFiles.Path("examples", "github", "backtest-matrix.yml"))));
        var jobs = (YamlMappingNode)((YamlMappingNode)workflow.Documents[0].RootNode)["jobs"];
        var shardJob = (YamlMappingNode)jobs["shard"];
        var mergeJob = (YamlMappingNode)jobs["merge"];
        var shards = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)shardJob["strategy"])["matrix"])["shard"]).Select(n => ((YamlScalarNode)n).Value!).ToList();
        CollectionAssert.AreEqual(Enumerable.Range(1, shards.Count).Select(i => $"{i}").ToList(), shards, "the matrix numbers its shards from 1");
        Assert.AreEqual("shard", ((YamlScalarNode)mergeJob["needs"]).Value, "the merge waits for every shard");
        var shardRun = Runs(shardJob).Single(r => r.Contains(" backtest ", StringComparison.Ordinal));
        StringAssert.Contains(shardRun, $"--shard ${{{{ matrix.shard }}}}/{shards.Count} ", "N is the matrix's size");
        var upload = Steps(shardJob).Single(s => s.Children.ContainsKey("uses") && ((YamlScalarNode)s["uses"]).Value!.StartsWith("actions/upload-artifact", StringComparison.Ordinal));
        var artifact = ((YamlScalarNode)((YamlMappingNode)upload["with"])["path"]).Value!;
        var download = Steps(mergeJob).Single(s => s.Children.ContainsKey("uses") && ((YamlScalarNode)s["uses"]).Value!.StartsWith("actions/download-artifact", StringComparison.Ordinal));
        var downloaded = ((YamlScalarNode)((YamlMappingNode)download["with"])["path"]).Value!;
        var mergeRun = Runs(mergeJob).Single(r => r.Contains(" merge-backtests ", StringComparison.Ordinal));

        var workspace = await WithReleasesRun("single.json", "single.md", "single.html");
        foreach (var shard in shards)
        {
            // Each matrix job in its own checkout; its artifact lands in the merge job's download folder (merge-multiple).
            var job = Workspace();
            var ran = await Shell(job, shardRun.Replace("${{ matrix.shard }}", shard, StringComparison.Ordinal));
            Assert.AreEqual(0, ran.ExitCode, $"{shardRun}\n{ran}");
            foreach (var file in Directory.GetFiles(Path.Combine(job, artifact)))
            {
                Directory.CreateDirectory(Path.Combine(workspace, downloaded));
                File.Copy(file, Path.Combine(workspace, downloaded, Path.GetFileName(file)));
            }
        }

        var merged = await Shell(workspace, mergeRun);

        Assert.AreEqual(1, merged.ExitCode, "release 2 disagrees, as in one run: " + $"{mergeRun}\n{merged}");
        StringAssert.Contains(merged.Output, $"merged {shards.Count} shards' reports of 5 releases");
        File.Copy(Path.Combine(workspace, "backtest", "backtest.json"), Path.Combine(workspace, "matrix.json"));
        File.Copy(Path.Combine(workspace, "backtest", "summary.md"), Path.Combine(workspace, "matrix.md"));
        File.Copy(Path.Combine(workspace, "backtest", "backtest.html"), Path.Combine(workspace, "matrix.html"));

        AssertSameReports(workspace, "single", "matrix");
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>();

    private static IEnumerable<string> Runs(YamlMappingNode job) =>
        Steps(job).Where(s => s.Children.ContainsKey("run")).Select(s => ((YamlScalarNode)s["run"]).Value!);

    /// <summary>Runs a step's script as the runner would, with the workflow's env: PROMETHEUS_URL.</summary>
    private static Task<ProcessResult> Shell(string workspace, string script) =>
        WorkflowShell.RunAsync(workspace, script, new Dictionary<string, string> { ["PROMETHEUS_URL"] = s_server!.Url.ToString() });
}
