using System.Text.Json;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// <c>backtest</c> over a long window, as a process against a real Prometheus: 30 days of one Deployment released every
/// 2 hours, each release's ReplicaSet in the metrics for only 14 minutes. Discovery must step no further than
/// Prometheus's 5-minute lookback (a step of window/1000, 43 minutes, stepped over most of them).
/// </summary>
[TestClass]
public sealed class BacktestLongWindowTests
{
    private const string Namespace = "lw-shop";
    private const int Releases = 360;
    private static readonly DateTimeOffset T0 = new(2024, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private static PrometheusServer? s_server;
    private static ReleaseHistory? s_history;
    private static string s_directory = "";

    /// <summary>Every tenth release (3, 13, …) crash-loops; release 45 exports no application metrics (inconclusive); the rest are healthy.</summary>
    private static ReleaseSpec Spec(int k)
    {
        var spec = k % 10 == 3 ? ReleaseSpec.CrashLoop(Namespace) : k == 45 ? ReleaseSpec.NoNewAppMetrics(Namespace) : ReleaseSpec.Healthy(Namespace);
        return spec with { DeployedAt = T0.AddHours(2 * k), PreMinutes = 2, PostMinutes = 12, Pods = 1, Seed = k };
    }

    private static string Expected(int k) => k % 10 == 3 ? "failed" : k == 45 ? "inconclusive" : "passed";

    [ClassInitialize]
    public static async Task StartPrometheus(TestContext context)
    {
        s_history = ReleaseHistory.Sequence(Enumerable.Range(0, Releases).Select(Spec));
        s_server = await PrometheusServer.StartAsync(Only(s_history.ToOpenMetrics(),
            "kube_replicaset_created", "kube_replicaset_owner", "kube_pod_owner", "kube_pod_container_status_restarts_total", "http_requests"));
        s_directory = Directory.CreateTempSubdirectory("dv-backtest-long-").FullName;
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

    /// <summary>
    /// The OpenMetrics text with only the families the checklist reads: promtool (2.42) reads its whole input once per
    /// 2-hour block, and a month is 360 blocks, so the memory and latency series would only slow the backfill down.
    /// </summary>
    private static string Only(string openMetrics, params string[] families)
    {
        var kept = new System.Text.StringBuilder(openMetrics.Length / 2);
        var keep = true;
        foreach (var line in openMetrics.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                keep = families.Contains(line.Split(' ')[2], StringComparer.Ordinal);
            }

            if (keep || line.StartsWith("# EOF", StringComparison.Ordinal))
            {
                kept.Append(line).Append('\n');
            }
        }

        return kept.ToString().TrimEnd('\n') + "\n";
    }

    private static string ReplicaSet(int k) => s_history!.Scenarios[k].NewPods[0][..s_history.Scenarios[k].NewPods[0].LastIndexOf('-')];

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(ProcessResult Result, JsonElement Report, string Markdown, string Html)> Backtest(string? releases, params string[] selection)
    {
        var workspace = Directory.CreateDirectory(Path.Combine(s_directory, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(workspace, "checks.yml"), TestChecklists.ReleaseRestartsAndErrors);
        if (releases is not null)
        {
            File.WriteAllText(Path.Combine(workspace, "releases.txt"), releases);
        }

        var result = await DeployVerifierProcess.RunAsync(
            ["backtest", "--checklist", "checks.yml", "--prometheus-url", s_server!.Url.ToString(), "--var", $"namespace={Namespace}",
                "--report-json", "backtest.json", "--summary-md", "backtest.md", "--report-html", "backtest.html", .. selection],
            workingDirectory: workspace);
        var report = File.Exists(Path.Combine(workspace, "backtest.json"))
            ? JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace, "backtest.json"))).RootElement
            : throw new AssertFailedException(result.ToString());
        return (result, report, File.ReadAllText(Path.Combine(workspace, "backtest.md")), File.ReadAllText(Path.Combine(workspace, "backtest.html")));
    }

    [TestMethod]
    public async Task Backtest_ThirtyDaysReleasedEveryTwoHours_FindsEveryReleaseAndItsTotalsMatchItsRows()
    {
        var (result, report, markdown, html) = await Backtest(null, "--from", Time(T0.AddMinutes(-1)), "--to", Time(T0.AddDays(30)));

        Assert.AreEqual(0, result.ExitCode, "no expectation, so nothing disagrees: " + result);
        var rows = report.GetProperty("releases").EnumerateArray().ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, Releases).Select(ReplicaSet).ToList(), rows.Select(r => r.GetProperty("release").GetString()).ToList(),
            "every release, each once, in order");
        CollectionAssert.AreEqual(Enumerable.Range(0, Releases).Select(Expected).ToList(), rows.Select(r => r.GetProperty("verdict").GetString()).ToList());

        var totals = report.GetProperty("totals");
        int Count(string verdict) => rows.Count(r => r.GetProperty("verdict").GetString() == verdict);
        Assert.AreEqual(rows.Count, totals.GetProperty("releases").GetInt32());
        Assert.AreEqual(Count("passed"), totals.GetProperty("passed").GetInt32());
        Assert.AreEqual(Count("failed"), totals.GetProperty("failed").GetInt32());
        Assert.AreEqual(Count("inconclusive"), totals.GetProperty("inconclusive").GetInt32());
        Assert.AreEqual(Count("failed"), totals.GetProperty("failedWithoutExpectation").GetInt32());
        Assert.AreEqual(JsonValueKind.Null, report.GetProperty("expectations").ValueKind);

        Assert.AreEqual("failed", report.GetProperty("banner").GetString(), "36 releases would have failed: never a green banner");
        var headline = $"Backtest: {Count("failed")} of {Releases} releases would have failed";
        StringAssert.StartsWith(markdown, $"## ❌ {headline}\n");
        StringAssert.Contains(html, $"<header class=\"verdict failed\">");
        StringAssert.Contains(html, $"<h1>{headline}</h1>");
        StringAssert.Contains(markdown, $"**{Releases}** releases: {Count("passed")} passed, {Count("failed")} failed, {Count("inconclusive")} inconclusive, 0 not finished.");
    }

    [TestMethod]
    public async Task Backtest_ExpectationsOverTheLongWindow_CaughtAndMissedMatchTheRowsAgreement()
    {
        // An inconclusive release expected not-passed agrees (caught); a crash loop expected passed is a good release blocked; one expected failed that passed is missed.
        var releases = string.Join("\n",
            $"{Time(T0.AddHours(2 * 45))} not-passed no-metrics",
            $"{Time(T0.AddHours(2 * 13))} failed crash",
            $"{Time(T0.AddHours(2 * 23))} passed crash-expected-good",
            $"{Time(T0.AddHours(2 * 200))} failed healthy-expected-bad") + "\n";

        var (result, report, markdown, html) = await Backtest(releases, "--releases", "releases.txt");

        Assert.AreEqual(1, result.ExitCode, "two releases disagree: " + result);
        var rows = report.GetProperty("releases").EnumerateArray().ToList();
        CollectionAssert.AreEqual(new bool?[] { true, false, true, false }, rows.Select(r => (bool?)r.GetProperty("agrees").GetBoolean()).ToList(),
            string.Join(", ", rows.Select(r => $"{r.GetProperty("name").GetString()}: {r.GetProperty("verdict").GetString()}")));
        var expectations = report.GetProperty("expectations");
        Assert.AreEqual(2, expectations.GetProperty("badCaught").GetInt32(), "the crash loop expected failed, and the inconclusive release expected not-passed");
        Assert.AreEqual(1, expectations.GetProperty("badMissed").GetInt32(), "only the healthy release expected failed");
        Assert.AreEqual(1, expectations.GetProperty("goodBlocked").GetInt32());
        Assert.AreEqual(2, expectations.GetProperty("disagreeing").GetInt32());
        Assert.AreEqual("failed", report.GetProperty("banner").GetString());
        StringAssert.Contains(markdown, "2 bad releases caught, 1 missed, 1 good release that would have been blocked; **2 disagree**");
        StringAssert.Contains(html, "2 bad releases caught, 1 missed, 1 good release that would have been blocked");
    }
}
