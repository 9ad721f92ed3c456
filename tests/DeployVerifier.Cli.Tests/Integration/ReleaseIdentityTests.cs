using System.Globalization;
using System.Text.Json;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// The release found from the metrics however the pipeline gives the deploy time: exact, late, early or not at all;
/// a rolled-back release; a checklist without a release section; no release found. The CLI as a process against a
/// real Prometheus holding kube-state-metrics history.
/// </summary>
[TestClass]
public sealed class ReleaseIdentityTests
{
    private const string DeployedAt = "2024-08-16T13:45:00Z";
    private static PrometheusServer? s_server;
    private static string s_directory = "";
    private static ReleaseHistory? s_history;

    /// <summary>
    /// A release 45 minutes ago, aligned to the scrape interval. Its history runs on two minutes past now, as a scraping
    /// Prometheus's goes on: a run without --deployed-at is live, and waits for release data scraped after it began.
    /// </summary>
    private static readonly DateTimeOffset Recent = AlignedMinutesAgo(45);

    /// <summary>A release 30 minutes ago, rolled back after 5 minutes to a ReplicaSet created 30 minutes before it.</summary>
    private static readonly DateTimeOffset Undone = AlignedMinutesAgo(30);

    [ClassInitialize]
    public static async Task StartPrometheus(TestContext context)
    {
        s_history = ReleaseHistory.Generate(
            ReleaseSpec.Healthy("ri-healthy"),
            ReleaseSpec.CrashLoop("ri-crash"),
            ReleaseSpec.Healthy("ri-recent") with { DeployedAt = Recent, PostMinutes = 47 },
            ReleaseSpec.CrashLoop("ri-undo") with
            {
                DeployedAt = Undone, PreMinutes = 60, PostMinutes = 32, PreviousReleaseAgeMinutes = 30, RolledBackAfterMinutes = 5,
            });
        s_server = await PrometheusServer.StartAsync(s_history);
        s_directory = Directory.CreateTempSubdirectory("dv-release-").FullName;
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

    private static DateTimeOffset AlignedMinutesAgo(int minutes)
    {
        var time = DateTimeOffset.UtcNow.AddMinutes(-minutes);
        return DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds() / 15 * 15);
    }

    private static string Workspace(string checklist = TestChecklists.ReleaseRestartsAndErrors)
    {
        var folder = Directory.CreateDirectory(Path.Combine(s_directory, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(folder, "checks.yml"), checklist);
        return folder;
    }

    private static Task<ProcessResult> Verify(string workspace, string ns, string? deployedAt, params string[] extra)
    {
        string[] time = deployedAt is null ? [] : ["--deployed-at", deployedAt];
        return DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), .. time, "--var", $"namespace={ns}",
                "--report-json", "report.json", "--dry-run", .. extra],
            workingDirectory: workspace);
    }

    private static JsonElement Report(string workspace) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace, "report.json"))).RootElement;

    private static string Shifted(int seconds) =>
        DateTimeOffset.Parse(DeployedAt, CultureInfo.InvariantCulture).AddSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [TestMethod]
    [DataRow("ri-crash", 0, 1)]
    [DataRow("ri-crash", 120, 1)]
    [DataRow("ri-crash", -60, 1)]
    [DataRow("ri-healthy", 0, 0)]
    [DataRow("ri-healthy", 120, 0)]
    [DataRow("ri-healthy", -60, 0)]
    public async Task Verify_DeployedAtExactLateOrEarly_JudgesTheReleaseFromItsStart(string ns, int offsetSeconds, int exitCode)
    {
        var workspace = Workspace();

        var result = await Verify(workspace, ns, Shifted(offsetSeconds));

        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        Assert.IsFalse(result.Output.Contains("Waiting for release data", StringComparison.Ordinal), "a replay never waits at the barrier");
        var report = Report(workspace);
        var release = report.GetProperty("release");
        Assert.AreEqual(s_history![ns].NewPods[0][..s_history[ns].NewPods[0].LastIndexOf('-')], release.GetProperty("name").GetString());
        Assert.AreEqual("deployed-at", release.GetProperty("foundBy").GetString());
        Assert.AreEqual(DateTimeOffset.Parse(DeployedAt, CultureInfo.InvariantCulture), report.GetProperty("deployedAt").GetDateTimeOffset(),
            "the release's start anchors the soak, not the time given");
        Assert.AreEqual(DateTimeOffset.Parse(Shifted(offsetSeconds), CultureInfo.InvariantCulture), release.GetProperty("deployedAtGiven").GetDateTimeOffset());
        var decided = report.GetProperty("decidedAt").GetDateTimeOffset();
        var expected = exitCode == 0 ? "2024-08-16T13:55:00Z" : "2024-08-16T13:46:00Z";
        Assert.AreEqual(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), decided, "the same decision time as the exact second");
    }

    [TestMethod]
    public async Task Verify_FailedRelease_HeadlinesNameTheServiceNamespaceAndRelease()
    {
        var workspace = Workspace(TestChecklists.ReleaseRestartsAndErrors.Replace("  namespace: ~\n", "  namespace: ~\n  workload: checkout\n", StringComparison.Ordinal));

        var result = await Verify(workspace, "ri-crash", DeployedAt, "--summary-md", "summary.md", "--report-html", "report.html");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        var release = Report(workspace).GetProperty("release").GetProperty("name").GetString();
        var headline = $"checkout (namespace ri-crash): release {release} failed verification";
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(workspace, "summary.md")), $"## ❌ {headline}\n");
        var page = System.Xml.Linq.XDocument.Parse(File.ReadAllText(Path.Combine(workspace, "report.html")));
        Assert.AreEqual(headline, page.Descendants("h1").Single().Value);
    }

    [TestMethod]
    public async Task Verify_DeployedAtFurtherAheadThanTheWait_IsInvalidInputAtOnce()
    {
        var workspace = Workspace();
        var ahead = DateTimeOffset.UtcNow.AddMinutes(10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var result = await Verify(workspace, "ri-recent", ahead);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "is more than release.waitFor (2m) in the future");
    }

    [TestMethod]
    public async Task Verify_NoDeployedAt_JudgesTheNewestReleaseWithInstances()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, "ri-recent", null);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var release = Report(workspace).GetProperty("release");
        Assert.AreEqual("latest", release.GetProperty("foundBy").GetString());
        Assert.AreEqual(Recent, release.GetProperty("startedAt").GetDateTimeOffset());
        Assert.AreEqual(JsonValueKind.Null, release.GetProperty("deployedAtGiven").ValueKind);
        StringAssert.Contains(result.Output, "Judging the newest release with instances");
        StringAssert.Contains(result.Output, "Release data is fresh", "without --deployed-at the run is live: it waits for a sample after its start");
    }

    [TestMethod]
    public async Task Verify_RolledBackRelease_JudgesThePreviousReleaseScaledUpAgain()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, "ri-undo", null);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var release = Report(workspace).GetProperty("release");
        var previous = s_history!["ri-undo"].OldPods[0];
        Assert.AreEqual(previous[..previous.LastIndexOf('-')], release.GetProperty("name").GetString(), "the crash-looping release was undone");
        Assert.AreEqual(Undone.AddMinutes(-30), release.GetProperty("startedAt").GetDateTimeOffset());
    }

    [TestMethod]
    public async Task Verify_DeployedAtLongBeforeEveryRelease_IsInvalidInputNamingTheNewest()
    {
        var workspace = Workspace();

        var beforeAll = Undone.AddMinutes(-40).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var result = await Verify(workspace, "ri-undo", beforeAll);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "is more than 5m before every release found; the newest is 'checkout-");
        StringAssert.Contains(result.Error, $"(started {Undone.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'})");
        Assert.IsFalse(File.Exists(Path.Combine(workspace, "report.json")), "nothing was run");
    }

    [TestMethod]
    public async Task Verify_NoReleaseInTheMetrics_IsInvalidInput()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, "no-such-namespace", DeployedAt);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "release.releases found no release between");
    }

    [TestMethod]
    public async Task Verify_ChecklistWithoutReleaseSection_SaysTheReleaseWasNotIdentified()
    {
        var workspace = Workspace(TestChecklists.RestartsAndErrors);

        var result = await Verify(workspace, "ri-healthy", DeployedAt);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var release = Report(workspace).GetProperty("release");
        Assert.AreEqual("not-identified", release.GetProperty("foundBy").GetString());
        Assert.AreEqual(JsonValueKind.Null, release.GetProperty("name").ValueKind);
        StringAssert.Contains(result.Output, "the release is not identified");
    }
}
