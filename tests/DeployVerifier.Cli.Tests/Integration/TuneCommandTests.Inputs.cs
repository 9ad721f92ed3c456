namespace DeployVerifier.Integration;

/// <summary><c>tune</c>'s input and output paths, its variables and an unreachable Prometheus (the history of <see cref="TuneCommandTests"/>).</summary>
public sealed partial class TuneCommandTests
{
    [TestMethod]
    [DataRow(new[] { "--releases", "releases.txt", "--out", "checks.yml" }, "is the checklist itself", DisplayName = "out is the checklist")]
    [DataRow(new[] { "--releases", "releases.txt", "--out", "./sub/../checks.yml" }, "is the checklist itself", DisplayName = "out is the checklist, another relative path")]
    [DataRow(new[] { "--releases", "releases.txt", "--out", "{workspace}/checks.yml" }, "is the checklist itself", DisplayName = "out is the checklist, absolute")]
    [DataRow(new[] { "--releases", "releases.txt" }, "say where the tuned checklist goes", DisplayName = "no out")]
    [DataRow(new[] { "--releases", "unlabelled.txt", "--out", "tuned.yml" }, "labels no release", DisplayName = "releases without a verdict")]
    [DataRow(new[] { "--from", "2024-08-22T09:50:00Z", "--to", "2024-08-22T15:10:00Z", "--out", "tuned.yml" }, "tune needs labelled releases", DisplayName = "no labels")]
    [DataRow(new[] { "--releases", "releases.txt", "--label-rollbacks", "30m", "--out", "tuned.yml" }, "--label-rollbacks", DisplayName = "two kinds of labels")]
    public async Task Tune_InvalidInput_Exits2AndWritesNothing(string[] arguments, string message)
    {
        var workspace = Workspace(KnownReleases());
        Directory.CreateDirectory(Path.Combine(workspace, "sub"));
        File.WriteAllText(Path.Combine(workspace, "unlabelled.txt"), string.Join("\n", Releases.Select((_, k) => Time(T0.AddMinutes((30 * k) + 1)))) + "\n");
        var files = Directory.GetFiles(workspace).Order().ToList();

        var result = await Tune(workspace, [.. arguments.Select(a => a.Replace("{workspace}", workspace, StringComparison.Ordinal)), "--summary-md", "tune.md"]);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, message);
        Assert.AreEqual(Checklist, Read(workspace, "checks.yml"));
        CollectionAssert.AreEqual(files, Directory.GetFiles(workspace).Order().ToList(), "nothing was written");
    }

    [TestMethod]
    public async Task Tune_PrometheusUnreachable_Exits3AndWritesNothing()
    {
        var workspace = Workspace(KnownReleases(), "prometheus: {patience: 1s}\n" + Checklist);
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closed = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/");
        listener.Stop();

        var result = await Run(workspace, closed, "tune", "checks.yml", "--releases", "releases.txt", "--out", "tuned.yml", "--summary-md", "tune.md");

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "tuned.yml")), result.ToString());
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "tune.md")), result.ToString());
    }

    [TestMethod]
    public async Task Tune_OutAndSummaryInFoldersNotYetThere_CreatesThem()
    {
        var workspace = Workspace(KnownReleases());

        var result = await Tune(workspace, "--releases", "releases.txt", "--out", "proposal/checks.tuned.yml", "--summary-md", "reports/tune.md");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(Read(workspace, "proposal/checks.tuned.yml"), "# Checks tuned by hand, long ago.");
        StringAssert.Contains(Read(workspace, "reports/tune.md"), "| error-ratio | `max` | 0.05% |");
    }

    [TestMethod]
    public async Task Tune_OutUnderAFile_Exits2()
    {
        var workspace = Workspace(KnownReleases());

        var result = await Tune(workspace, "--releases", "releases.txt", "--out", "releases.txt/checks.tuned.yml");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "--out releases.txt/checks.tuned.yml cannot be written");
        Assert.IsFalse(result.Error.Contains("internal error", StringComparison.Ordinal), result.ToString());
    }

    /// <summary>
    /// A <c>${var}</c> threshold without a default: tune says which <c>--var</c> to pass, and what it reports of the tuned
    /// checklist must be what the checklist does with that <c>--var</c>.
    /// </summary>
    [TestMethod]
    public async Task Tune_AVariableWithoutADefault_JudgesTheTunedChecklistWithTheVarItSaysToPass()
    {
        var checklist = Checklist.Replace("    max: 5s   # far too loose", "    max: ${latency_max}", StringComparison.Ordinal)
            .Replace("  namespace: ~\n", "  namespace: ~\n  latency_max: ~\n", StringComparison.Ordinal);
        var workspace = Workspace(KnownReleases(), checklist);

        var result = await Tune(workspace, "--releases", "releases.txt", "--out", "tuned.yml", "--var", "latency_max=5s");

        var latency = Moves(result.Output).Single(m => m.Check == "latency-p95" && m.Key == "max");
        StringAssert.Contains(result.Output, $"Note: latency-p95.max is ${{latency_max}}, which has no default: pass --var latency_max={latency.After}");
        StringAssert.Contains(Read(workspace, "tuned.yml"), "\n  latency_max: ~\n", "no default is invented");
        var tuned = await Run(workspace, null, "backtest", "tuned.yml", "--releases", "releases.txt", "--var", $"latency_max={latency.After}");
        Assert.AreEqual(0, tuned.ExitCode, "with the --var tune names, the tuned checklist judges every release as labelled: " + tuned);

        // So tune's own account of the tuned checklist must say so too (it judged it with latency_max=5s instead).
        StringAssert.Contains(result.Output, "; 11 of 11 tuned.", result.ToString());
        Assert.IsFalse(result.Output.Contains("Still judged otherwise", StringComparison.Ordinal), result.ToString());
        Assert.AreEqual(0, result.ExitCode, result.ToString());
    }
}
