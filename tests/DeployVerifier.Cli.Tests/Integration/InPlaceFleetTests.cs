using System.Globalization;
using System.Text.Json;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// An in-place release on VMs that keep their names: every series existed before the deploy, and each instance is
/// judged from its own restart with the new version; a rollback puts the instances back on the old version. The CLI as
/// a process against a real Prometheus.
/// </summary>
[TestClass]
public sealed class InPlaceFleetTests
{
    private static readonly DateTimeOffset DeployedAt = new(2024, 8, 16, 13, 45, 0, TimeSpan.Zero);
    private static PrometheusServer? s_server;
    private static string s_directory = "";

    private const string Checklist = """
        release:
          releases: >-
            min by (version) (app_build_info{job="${job}"} * on (job, instance) group_left () process_start_time_seconds{job="${job}"})
          label: version
          instances: app_build_info{job="${job}", version="${release}"}
          instanceLabel: instance
        soak: {duration: 10m, interval: 30s, warmUp: 30s}
        vars:
          job: ~
        checks:
          - name: restarts
            query: >-
              changes((process_start_time_seconds{job="${job}"}
              and on (job, instance) app_build_info{job="${job}", version="${release}"})[${sinceDeploy}:15s])
            max: 0
            perSeries: true
          - name: memory
            query: process_resident_memory_bytes{job="${job}"}
            max: 900MiB
            perSeries: true
          - name: error-ratio
            query: >-
              sum(rate(http_requests_total{job="${job}", instance=~"${releaseInstances}", code="500"}[2m]))
              / sum(rate(http_requests_total{job="${job}", instance=~"${releaseInstances}"}[2m]))
            max: 1%
            warmUp: 2m
        """;

    [ClassInitialize]
    public static async Task StartPrometheus(TestContext context)
    {
        s_server = await PrometheusServer.StartAsync(VmFleetHistory.ToOpenMetrics(
            new VmFleetHistory.Fleet("vm-ok", DeployedAt),
            new VmFleetHistory.Fleet("vm-crash", DeployedAt, CrashEverySeconds: 90),
            new VmFleetHistory.Fleet("vm-undone", DeployedAt, CrashEverySeconds: 90, RolledBackAfterSeconds: 600)));
        s_directory = Directory.CreateTempSubdirectory("dv-fleet-").FullName;
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

    private static async Task<(ProcessResult Result, JsonElement Report)> Verify(string job, int offsetSeconds)
    {
        var folder = Directory.CreateDirectory(Path.Combine(s_directory, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(folder, "checks.yml"), Checklist);
        var given = DeployedAt.AddSeconds(offsetSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var result = await DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--deployed-at", given, "--var", $"job={job}",
                "--report-json", "report.json", "--dry-run"],
            workingDirectory: folder);
        var report = File.Exists(Path.Combine(folder, "report.json"))
            ? JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement
            : default;
        return (result, report);
    }

    private static JsonElement Check(JsonElement report, string name) =>
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    [TestMethod]
    [DataRow(0)]
    [DataRow(120)]
    public async Task Verify_HealthyInPlaceRelease_IsJudgedOnInstancesThatKeptTheirNames(int offsetSeconds)
    {
        var (result, report) = await Verify("vm-ok", offsetSeconds);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual("1.4.2", report.GetProperty("release").GetProperty("name").GetString());
        Assert.AreEqual(DeployedAt, report.GetProperty("deployedAt").GetDateTimeOffset());
        var memory = Check(report, "memory");
        Assert.AreEqual("passed", memory.GetProperty("outcome").GetString());
        Assert.IsGreaterThan(0, memory.GetProperty("samples").GetInt32(), "series that existed before the deploy are judged, not 'no data'");
        Assert.AreEqual("passed", Check(report, "restarts").GetProperty("outcome").GetString(), "the restart that deployed a process is not counted");
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(120)]
    public async Task Verify_CrashLoopingInPlaceRelease_FailsOnRestarts(int offsetSeconds)
    {
        var (result, report) = await Verify("vm-crash", offsetSeconds);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        var restarts = Check(report, "restarts");
        Assert.AreEqual("failed", restarts.GetProperty("outcome").GetString());
        Assert.IsLessThan(DeployedAt.AddMinutes(3), report.GetProperty("decidedAt").GetDateTimeOffset());
    }

    [TestMethod]
    public async Task Backtest_LabelRollbacks_OnAFleetPutBackOnTheOldVersion_LabelsTheReleaseBadAndCatchesIt()
    {
        var folder = Directory.CreateDirectory(Path.Combine(s_directory, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(folder, "checks.yml"), Checklist);
        string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var labelled = new Dictionary<string, JsonElement>();
        foreach (var job in new[] { "vm-undone", "vm-ok" })
        {
            var result = await DeployVerifierProcess.RunAsync(
                ["backtest", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--var", $"job={job}",
                    "--from", Time(DeployedAt.AddMinutes(-5)), "--to", Time(DeployedAt.AddMinutes(5)), "--label-rollbacks", "30m",
                    "--report-json", $"{job}.json"],
                workingDirectory: folder);
            Assert.AreEqual(0, result.ExitCode, $"{job}: every release judged as its label says\n{result}");
            labelled[job] = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, $"{job}.json"))).RootElement;
        }

        // Put back on 1.4.1 ten minutes in: 1.4.2 is bad, and the restarts check caught it before the rollback.
        var undone = labelled["vm-undone"].GetProperty("releases").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "1.4.2");
        Assert.AreEqual("not-passed", undone.GetProperty("expected").GetString(), undone.ToString());
        Assert.AreEqual("failed", undone.GetProperty("verdict").GetString(), undone.ToString());
        Assert.IsLessThan(DeployedAt.AddMinutes(10), undone.GetProperty("decidedAt").GetDateTimeOffset());
        var accuracy = labelled["vm-undone"].GetProperty("accuracy").GetProperty("checklist");
        Assert.AreEqual(1, accuracy.GetProperty("caught").GetInt32(), accuracy.ToString());

        // Never rolled back: 1.4.2 is good, and passed.
        var kept = labelled["vm-ok"].GetProperty("releases").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "1.4.2");
        Assert.AreEqual("passed", kept.GetProperty("expected").GetString(), kept.ToString());
        Assert.AreEqual("passed", kept.GetProperty("verdict").GetString(), kept.ToString());
    }
}
