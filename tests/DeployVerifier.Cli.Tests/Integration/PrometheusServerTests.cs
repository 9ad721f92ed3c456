using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>A real Prometheus, started once for the class, serving a healthy and a crash-looping release.</summary>
[TestClass]
public sealed class PrometheusServerTests
{
    private const string Healthy = "it-healthy";
    private const string CrashLoop = "it-crashloop";

    private static readonly DateTimeOffset Deploy = ReleaseSpec.DefaultDeployedAt;
    private static ReleaseHistory s_history = null!;
    private static PrometheusServer s_server = null!;
    private static HttpClient s_http = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        var stopwatch = Stopwatch.StartNew();
        s_history = ReleaseHistory.Generate(ReleaseSpec.Healthy(Healthy), ReleaseSpec.CrashLoop(CrashLoop));
        s_server = await PrometheusServer.StartAsync(s_history, context.CancellationToken);
        s_http = new HttpClient { BaseAddress = s_server.Url, Timeout = TimeSpan.FromSeconds(10) };
        context.WriteLine($"Generated, backfilled and started Prometheus at {s_server.Url} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
    }

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        s_http?.Dispose();
        if (s_server is not null)
        {
            await s_server.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Restarts_TenMinutesAfterDeploy_NewPodsOfCrashLoopRestarted()
    {
        var restarts = await QueryAsync($"kube_pod_container_status_restarts_total{{namespace=\"{CrashLoop}\"}}", Deploy.AddMinutes(10));

        foreach (var pod in s_history[CrashLoop].NewPods)
        {
            Assert.IsGreaterThan(0, restarts[pod], pod);
        }
    }

    [TestMethod]
    public async Task Restarts_TenMinutesAfterDeploy_NewPodsOfHealthyNever()
    {
        var restarts = await QueryAsync($"kube_pod_container_status_restarts_total{{namespace=\"{Healthy}\"}}", Deploy.AddMinutes(10));

        Assert.HasCount(3, restarts);
        foreach (var pod in s_history[Healthy].NewPods)
        {
            Assert.AreEqual(0, restarts[pod], pod);
        }
    }

    [TestMethod]
    [DataRow(Healthy)]
    [DataRow(CrashLoop)]
    public async Task Memory_JustAfterDeploy_SeriesForOldAndNewPods(string ns)
    {
        var memory = await QueryAsync($"container_memory_working_set_bytes{{namespace=\"{ns}\"}}", Deploy.AddSeconds(60));

        var scenario = s_history[ns];
        CollectionAssert.AreEquivalent(scenario.OldPods.Concat(scenario.NewPods).ToList(), memory.Keys.ToList());
        Assert.IsTrue(memory.Values.All(v => v is > 100 * 1024 * 1024 and < 1024 * 1024 * 1024));
    }

    [TestMethod]
    public async Task Memory_AtFirstAndLastSample_Served()
    {
        // The backfilled blocks cover the whole history, from its first sample to its last.
        var scenario = s_history[Healthy];
        var query = $"count(container_memory_working_set_bytes{{namespace=\"{Healthy}\"}})";

        Assert.AreEqual(3, (await QueryAsync(query, scenario.Start)).Single().Value);
        Assert.AreEqual(3, (await QueryAsync(query, scenario.End)).Single().Value);
    }

    [TestMethod]
    public async Task ErrorRatio_HalfAnHourAfterDeploy_AboutTwoPerMilleWhenHealthy()
    {
        var query = $"sum(rate(http_requests_total{{namespace=\"{Healthy}\",code=\"500\"}}[5m])) / sum(rate(http_requests_total{{namespace=\"{Healthy}\"}}[5m]))";

        var ratio = (await QueryAsync(query, Deploy.AddMinutes(30))).Single().Value;

        Assert.IsTrue(ratio is > 0.0005 and < 0.005, $"error ratio {ratio}");
    }

    [TestMethod]
    public async Task Latency_HalfAnHourAfterDeploy_MedianNearSeventyMilliseconds()
    {
        var query = $"histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket{{namespace=\"{Healthy}\"}}[5m])))";

        var median = (await QueryAsync(query, Deploy.AddMinutes(30))).Single().Value;

        Assert.IsTrue(median is > 0.05 and < 0.1, $"median {median}");
    }

    /// <summary>An instant query; the result keyed by the pod label (or "" for series without one).</summary>
    private static async Task<Dictionary<string, double>> QueryAsync(string query, DateTimeOffset time)
    {
        var uri = $"api/v1/query?query={Uri.EscapeDataString(query)}&time={time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        using var response = await s_http.GetAsync(new Uri(uri, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.IsTrue(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        return result.EnumerateArray().ToDictionary(
            series => series.GetProperty("metric").TryGetProperty("pod", out var pod) ? pod.GetString()! : "",
            series => double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture));
    }
}
