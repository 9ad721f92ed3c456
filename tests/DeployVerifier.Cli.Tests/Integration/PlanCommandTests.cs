using System.Text.Json;
using DeployVerifier.Support;

namespace DeployVerifier.Integration;

/// <summary>
/// <c>plan</c> as a process on the Kubernetes example: it prints every check without running anything, checks the input
/// as strictly as <c>validate</c> before any network call (exit 2), and exits 3 when the release can't be looked up.
/// </summary>
[TestClass]
public sealed class PlanCommandTests
{
    private static readonly string Checklist = RepositoryFiles.Path("examples", "kubernetes", "checklist.yml");

    private static readonly string[] CheckNames = ["restarts", "memory-leak", "error-ratio", "latency-p95", "cpu-redundancy"];

    [TestMethod]
    public async Task Plan_Offline_PrintsEachCheckRenderedAndHowTheReleaseIsFound()
    {
        var result = await DeployVerifierProcess.RunAsync(
            ["plan", "--checklist", Checklist, "--offline", "--var", "namespace=shop", "--var", "workload=checkout"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        foreach (var name in CheckNames)
        {
            StringAssert.Contains(result.Output, $"Check {name} (");
        }

        StringAssert.Contains(result.Output, "owner_name=\"checkout\"");
        Assert.DoesNotContain("${namespace}", result.Output);
        StringAssert.Contains(result.Output, "resolved at run time (--offline: not looked up)");
        StringAssert.Contains(result.Output, "soak 30m, every 30s after a 30s warm-up: 60 evaluations");
        StringAssert.Contains(result.Output, "bounds: max 1%; baseline:");
        StringAssert.Contains(result.Output, "judged at 57 evaluation(s) (warmUp 2m)");
        Assert.AreEqual(string.Empty, result.Error);
    }

    [TestMethod]
    public async Task Plan_Json_ParsesWithOneEntryPerCheck()
    {
        var result = await DeployVerifierProcess.RunAsync(
            ["plan", "--checklist", Checklist, "--offline", "--json", "--soak", "10m", "--var", "namespace=shop", "--var", "workload=checkout"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var checks = json.RootElement.GetProperty("checks");
        CollectionAssert.AreEqual(CheckNames, checks.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToArray());
        var schedule = json.RootElement.GetProperty("schedule");
        Assert.AreEqual("10m", schedule.GetProperty("duration").GetString());
        Assert.AreEqual(20, schedule.GetProperty("evaluations").GetInt32());
        Assert.AreEqual("pod", json.RootElement.GetProperty("release").GetProperty("instanceLabel").GetString());
    }

    [TestMethod]
    public async Task Plan_RequiredVariableMissing_IsInvalidBeforeAnyNetworkCall()
    {
        // Nothing listens on port 1: a plan that tried the store first would exit 3.
        var result = await DeployVerifierProcess.RunAsync(
            ["plan", "--checklist", Checklist, "--prometheus-url", "http://127.0.0.1:1", "--var", "namespace=shop"]);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "give it with --var workload=VALUE");
        Assert.DoesNotContain("could not be looked up", result.Error);
        Assert.AreEqual(string.Empty, result.Output);
    }

    [TestMethod]
    public async Task Plan_StoreUnreachable_ExitsInconclusive()
    {
        var result = await DeployVerifierProcess.RunAsync(
            ["plan", "--checklist", Checklist, "--prometheus-url", "http://127.0.0.1:1", "--var", "namespace=shop", "--var", "workload=checkout"]);

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "the release could not be looked up");
        Assert.DoesNotContain("Check restarts", result.Output);
    }

    private const string EmptyAnswer = """{"status":"success","data":{"resultType":"KIND","result":[]}}""";

    [TestMethod]
    public async Task Plan_StoreWithoutARelease_SaysSoWithoutWaitingAndPrintsThePlan()
    {
        // A store that is ready but holds no release: a verify would wait up to release.waitFor (2m) for one; plan must not.
        using var store = new StandInServer(path => path.StartsWith("/-/ready", StringComparison.Ordinal)
            ? (200, "Prometheus Server is Ready.")
            : (200, EmptyAnswer.Replace("KIND", path.Contains("query_range", StringComparison.Ordinal) ? "matrix" : "vector", StringComparison.Ordinal)));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await DeployVerifierProcess.RunAsync(
            ["plan", "--checklist", Checklist, "--prometheus-url", store.Url.ToString(), "--var", "namespace=shop", "--var", "workload=checkout"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "no release found now (");
        StringAssert.Contains(result.Output, "a live verify waits up to 2m for one to start");
        StringAssert.Contains(result.Output, "Check cpu-redundancy (");
        Assert.IsLessThan(TimeSpan.FromSeconds(60), started.Elapsed);
        Assert.IsTrue(store.Requests.Any(r => r.Path.Contains("/api/v1/query", StringComparison.Ordinal)), "the release was not looked up");
    }

    [TestMethod]
    public async Task Plan_NoAddressWithoutOffline_IsInvalidAndNamesOffline()
    {
        var result = await DeployVerifierProcess.RunAsync(
            ["plan", "--checklist", Checklist, "--var", "namespace=shop", "--var", "workload=checkout"]);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "pass --prometheus-url, or --offline");
    }
}
