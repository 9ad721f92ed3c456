using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// The CLI as a process against a real single-node VictoriaMetrics (Debian's package) holding the same simulated
/// history as the Prometheus tests: the verifier speaks one HTTP API to any Prometheus-compatible store. The
/// server is started once for the class.
/// </summary>
[TestClass]
public sealed class VictoriaMetricsTests
{
    private const string Healthy = "vm-healthy";
    private const string CrashLoop = "vm-crash";

    private const string Checklist = TestChecklists.RestartsAndErrors;

    private static readonly string DeployedAt = ReleaseSpec.DefaultDeployedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    private static VictoriaMetricsServer? s_server;
    private static string s_directory = "";

    [ClassInitialize]
    public static async Task StartVictoriaMetrics(TestContext context)
    {
        var stopwatch = Stopwatch.StartNew();
        s_server = await VictoriaMetricsServer.StartAsync(
            ReleaseHistory.Generate(ReleaseSpec.Healthy(Healthy), ReleaseSpec.CrashLoop(CrashLoop)), context.CancellationToken);
        s_directory = Directory.CreateTempSubdirectory("dv-vm-").FullName;
        context.WriteLine($"Generated, started and imported into VictoriaMetrics at {s_server.Url} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
    }

    [ClassCleanup]
    public static async Task StopVictoriaMetrics()
    {
        if (s_server is not null)
        {
            await s_server.DisposeAsync();
        }

        if (s_directory.Length > 0)
        {
            Directory.Delete(s_directory, recursive: true);
        }
    }

    /// <summary>A fresh working folder holding the checklist.</summary>
    private static string Workspace()
    {
        var folder = Directory.CreateDirectory(Path.Combine(s_directory, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(folder, "checks.yml"), Checklist);
        return folder;
    }

    private static Task<ProcessResult> Verify(string workspace, string ns, string deployedAt = "") =>
        DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--deployed-at", deployedAt.Length > 0 ? deployedAt : DeployedAt,
                "--var", $"namespace={ns}", "--report-json", "report.json"],
            workingDirectory: workspace);

    private static JsonElement Report(string workspace) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace, "report.json"))).RootElement;

    [TestMethod]
    public async Task Verify_HealthyRelease_Passes()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, Healthy);

        Assert.AreEqual(0, result.ExitCode, $"{result}\n--- VictoriaMetrics ---\n{s_server!.Log}");
        Assert.AreEqual("passed", Report(workspace).GetProperty("verdict").GetString());
    }

    [TestMethod]
    public async Task Verify_CrashLoop_FailsBeforeFiveMinutes()
    {
        var workspace = Workspace();

        var result = await Verify(workspace, CrashLoop);

        Assert.AreEqual(1, result.ExitCode, $"{result}\n--- VictoriaMetrics ---\n{s_server!.Log}");
        var report = Report(workspace);
        Assert.AreEqual("failed", report.GetProperty("verdict").GetString());
        Assert.IsLessThan(ReleaseSpec.DefaultDeployedAt.AddMinutes(5), report.GetProperty("decidedAt").GetDateTimeOffset());
        var restarts = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "restarts");
        Assert.AreEqual("failed", restarts.GetProperty("outcome").GetString());
    }

    [TestMethod]
    [DataRow(Healthy, 0, "passed")]
    [DataRow(CrashLoop, 1, "failed")]
    public async Task Verify_DeployTimeWithMilliseconds_EveryEvaluationHasData(string ns, int exitCode, string verdict)
    {
        // The soak's grid is 13:45:07.250 + k·30 s; VictoriaMetrics would move a long range onto multiples of the step
        // (nocache=1 keeps it), and each point is placed on the grid point it answers.
        var workspace = Workspace();

        var result = await Verify(workspace, ns, "2024-08-16T13:45:07.250Z");

        Assert.AreEqual(exitCode, result.ExitCode, $"{result}\n--- VictoriaMetrics ---\n{s_server!.Log}");
        var report = Report(workspace);
        Assert.AreEqual(verdict, report.GetProperty("verdict").GetString());
        Assert.AreEqual(new DateTimeOffset(2024, 8, 16, 13, 45, 7, 250, TimeSpan.Zero), report.GetProperty("deployedAt").GetDateTimeOffset(), "kept as given");
        var restarts = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "restarts");
        StringAssert.DoesNotMatch(restarts.GetProperty("reason").GetString()!, new System.Text.RegularExpressions.Regex("no data"));
    }

    [TestMethod]
    public async Task Validate_AgainstVictoriaMetrics_AcceptsEveryQuery()
    {
        var workspace = Workspace();

        var result = await DeployVerifierProcess.RunAsync(
            ["validate", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--var", $"namespace={Healthy}"],
            workingDirectory: workspace);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "accepted all 2 queries");
    }
}
