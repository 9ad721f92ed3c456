using System.Text.Json;
using DeployVerifier.Support;

namespace DeployVerifier.Integration;

/// <summary>
/// The CLI as a process against a stand-in that speaks the Prometheus API badly: whatever it answers, the verdict is
/// never judged on it and the process never crashes.
/// </summary>
[TestClass]
public sealed class BrokenPrometheusTests
{
    private const string Checklist = """
        soak: {duration: 5m, interval: 30s, warmUp: 30s}
        checks:
          - name: up
            query: up
            min: 1
        """;

    private DirectoryInfo _work = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateWorkspace()
    {
        _work = Some.TempDirectory();
        File.WriteAllText(Path.Combine(_work.FullName, "checks.yml"), Checklist);
    }

    [TestCleanup]
    public void DeleteWorkspace() => _work.Delete(recursive: true);

    private Task<CliProcess.Result> VerifyAsync(Uri prometheus, Dictionary<string, string>? environment = null) =>
        CliProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", prometheus.ToString(), "--deployed-at", "2024-08-16T13:45:00Z",
                "--report-json", "report.json"],
            environment ?? [], _work.FullName, TestContext.CancellationToken);

    private static (int, string) Ready(string path, string answer) => path.EndsWith("/-/ready", StringComparison.Ordinal) ? (200, "ready") : (200, answer);

    [TestMethod]
    [DataRow("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1e15,"1"]}]}}""", DisplayName = "timestamp 1e15")]
    [DataRow("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"val""", DisplayName = "body cut mid-JSON")]
    public async Task Verify_UnparseableAnswer_InconclusiveExit3SayingSo(string answer)
    {
        using var prometheus = new StandInServer(path => Ready(path, answer));

        var result = await VerifyAsync(prometheus.Url);

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "the answer could not be parsed as Prometheus JSON");
        Assert.DoesNotContain("login page", result.Output);
        Assert.IsGreaterThan(1, prometheus.Requests.Count(r => r.Path.Contains("/api/v1/query", StringComparison.Ordinal)), "retried");
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work.FullName, "report.json")));
        Assert.AreEqual("inconclusive", report.RootElement.GetProperty("verdict").GetString());
    }

    [TestMethod]
    public async Task Verify_GzipEncodingOnAPlainBody_InconclusiveExit3NotACrash()
    {
        const string Answer = """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1723815900,"1"]}]}}""";
        using var prometheus = new StandInServer(path => Ready(path, Answer)) { Headers = new Dictionary<string, string> { ["Content-Encoding"] = "gzip" } };

        var result = await VerifyAsync(prometheus.Url);

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "the answer could not be parsed as Prometheus JSON");
    }

    [TestMethod]
    public async Task Verify_RedirectToAnotherHost_ExitCode2NamingTheTarget_OtherHostNeverAsked()
    {
        const string Answer = """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1723815900,"1"]}]}}""";
        using var other = new StandInServer(path => Ready(path, Answer));
        using var prometheus = new StandInServer(_ => (302, "")) { Headers = new Dictionary<string, string> { ["Location"] = other.Url + "-/ready" } };
        File.WriteAllText(Path.Combine(_work.FullName, "checks.yml"), "prometheus: {bearerTokenEnv: PROM_TOKEN}\n" + Checklist);

        var result = await VerifyAsync(prometheus.Url, new Dictionary<string, string> { ["PROM_TOKEN"] = "t0ken-for-prometheus" });

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, $"redirecting to {other.Url}-/ready: a redirect to another host is not followed");
        Assert.IsEmpty(other.Requests);
    }

    [TestMethod]
    [DataRow(200, """{"status":"success","data":{"resultType":"vector","result":[]},"warnings":["partial answer for key s3cr+t<x|y&z"]}""", 3,
        DisplayName = "secret in a warning")]
    [DataRow(503, """{"status":"error","errorType":"unavailable","error":"key s3cr+t<x|y&z is not allowed here"}""", 3,
        DisplayName = "secret in an error")]
    public async Task Verify_PrometheusEchoesASecret_NoReportHoldsItInAnyEscaping(int status, string answer, int exitCode)
    {
        using var prometheus = new StandInServer(path => path.EndsWith("/-/ready", StringComparison.Ordinal) ? (200, "ready") : (status, answer));
        File.WriteAllText(Path.Combine(_work.FullName, "checks.yml"), "prometheus: {headersFromEnv: {X-Api-Key: API_KEY}, patience: 3s}\n" + Checklist);

        var result = await CliProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", prometheus.Url.ToString(), "--deployed-at", "2024-08-16T13:45:00Z",
                "--report-json", "report.json", "--report-html", "report.html", "--summary-md", "summary.md"],
            new Dictionary<string, string> { ["API_KEY"] = "s3cr+t<x|y&z" }, _work.FullName, TestContext.CancellationToken);

        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        foreach (var file in new[] { "report.json", "report.html", "summary.md" })
        {
            var text = File.ReadAllText(Path.Combine(_work.FullName, file));
            Assert.DoesNotContain("s3cr", text, file);
            StringAssert.Contains(text, "***", file);
        }

        Assert.DoesNotContain("s3cr", result.Output + result.Error);
    }
}
