using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeployVerifier.Support;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// Live, not replayed: a real Prometheus scrapes, in real time, a cluster the test plays (<see cref="LiveRollout"/>) as
/// three scrape jobs with their own <c>job</c> and <c>instance</c>: cAdvisor every second, kube-state-metrics every
/// 10 s (its 30 s scaled down), the application every second. Each case is a rolling update of <c>checkout</c> in its
/// own namespace, with the previous ReplicaSet running until replaced, verified by the CLI as a process started when a
/// pipeline would start it. Every case runs side by side, started once for the class; each test checks one. All run
/// with <c>--dry-run</c> but one, a leak in a real run: its rollback program runs and its alerts go through a real
/// Alertmanager (Debian's <c>prometheus-alertmanager</c>) to a receiver served here.
/// </summary>
[TestClass]
public sealed class LiveRolloutTests
{
    /// <summary>How long after the class starts every rollout begins: the previous release's pods are scraped first.</summary>
    private static readonly TimeSpan RolloutDelay = TimeSpan.FromSeconds(20);

    private const string Checklist = """
        release:
          releases: >-
            kube_replicaset_created{namespace="${namespace}"}
            * on (namespace, replicaset) group_left ()
            kube_replicaset_owner{namespace="${namespace}", owner_kind="Deployment", owner_name="${workload}"}
          label: replicaset
          instances: kube_pod_owner{namespace="${namespace}", owner_kind="ReplicaSet", owner_name="${release}"}
          instanceLabel: pod
          waitFor: 20s
        soak:
          duration: 40s
          interval: 2s
          warmUp: 10s
          ingestionLag: 6s
        vars:
          namespace: ~
          workload: checkout
        checks:
          - name: restarts
            query: kube_pod_container_status_restarts_total{namespace="${namespace}", pod=~"${releaseInstances}", container!="", container!="POD"}
            max: 0
            perSeries: true
          # cAdvisor's series (job kubelet) kept to the release's pods (job kube-state-metrics): the pairing across jobs.
          - name: memory
            query: container_memory_working_set_bytes{namespace="${namespace}", pod=~"${releaseInstances}", container!="", container!="POD"}
            max: 400MiB
            perSeries: true
          - name: error-ratio
            query: >-
              (sum(rate(http_requests_total{namespace="${namespace}", pod=~"${releaseInstances}", code=~"5.."}[10s])) or vector(0))
              / sum(rate(http_requests_total{namespace="${namespace}", pod=~"${releaseInstances}"}[10s]))
            max: 5%
            warmUp: 10s
        """;

    /// <summary>The simplest set-up: no release section, no --deployed-at (the action's defaults).</summary>
    private const string PlainChecklist = """
        soak:
          duration: 30s
          interval: 2s
          warmUp: 2s
          ingestionLag: 2s
        checks:
          - name: up
            query: min(up{job="kubelet"})
            min: 1
          - name: one
            query: vector(1)
            max: 1
        """;

    private static readonly Dictionary<string, Task<LiveRun>> Runs = [];
    private static LiveRollout? _cluster;
    private static PrometheusServer? _prometheus;
    private static AlertmanagerServer? _alertmanager;
    private static StandInServer? _receiver;
    private static DirectoryInfo? _directory;
    private static DateTimeOffset _rolloutAt;

    private static IReadOnlyList<LiveNamespace> _namespaces = [];

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;

        // Prometheus first, and every target scraped once: on a busy machine the server can take many seconds to start, and
        // the rollouts are timed from when it scrapes (the slow job at its fixed offset), not from when the class began.
        _cluster = new LiveRollout();
        _receiver = new StandInServer(_ => (200, ""));
        var alertmanager = AlertmanagerServer.StartAsync(_receiver.Url);
        _prometheus = await PrometheusServer.StartScrapingAsync(_cluster.ScrapeConfig(fast: 1, slow: 10));
        _alertmanager = await alertmanager;
        await _cluster.EveryTargetScrapedAsync(PrometheusServer.ReadyTimeout);
        _rolloutAt = TimeProvider.System.GetUtcNow() + RolloutDelay;
        _namespaces =
        [
            new("at-once", _rolloutAt, LiveBehaviour.Healthy),
            new("no-deployed-at", _rolloutAt, LiveBehaviour.Healthy),
            new("late", _rolloutAt, LiveBehaviour.Healthy),
            new("crash-loop", _rolloutAt, LiveBehaviour.CrashLoop),
            new("leak", _rolloutAt, LiveBehaviour.Leak) { LeakMibPerSecond = 8 },
            new("stale", _rolloutAt, LiveBehaviour.Healthy) { StaleKubeStateMetrics = true },
            new("rollback", _rolloutAt, LiveBehaviour.Leak) { LeakMibPerSecond = 8 },
        ];
        _cluster.StaleFrom = _rolloutAt - TimeSpan.FromSeconds(5);
        _cluster.Namespaces = _namespaces;
        _directory = Directory.CreateTempSubdirectory("deploy-verifier-live-");
        var checklist = Path.Combine(_directory.FullName, "checklist.yml");
        var plain = Path.Combine(_directory.FullName, "plain.yml");
        await File.WriteAllTextAsync(checklist, Checklist);
        await File.WriteAllTextAsync(plain, PlainChecklist);

        // A real run, not a dry one: the rollback program writes the environment it was given; the alerts go through a real
        // Alertmanager to a receiver here.
        var rollback = Path.Combine(_directory.FullName, "rollback.yml");
        await File.WriteAllTextAsync(rollback, Checklist + $$"""

            notify:
              flushTimeout: 10s
              alertmanager:
                urls: ["{{_alertmanager.Url}}"]
                labels: {team: payments}
                minFiring: 2s
            rollback:
              command: {program: sh, args: [-c, 'env > "{{RolledBack}}"'], timeout: 30s}
            """);

        // The deploy time a pipeline takes just before `kubectl apply`: a second before the rollout, with its sub-second digits.
        // "late" starts 12 s after the rollout (45 s with kube-state-metrics' 30 s, scaled), before the soak's first
        // evaluation + lag (16 s): still live, so it waits for fresh release data.
        var before = _rolloutAt - TimeSpan.FromSeconds(1);
        Start("at-once", checklist, TimeSpan.Zero, before);
        Start("no-deployed-at", checklist, TimeSpan.Zero, null);
        Start("late", checklist, TimeSpan.FromSeconds(12), before);
        Start("crash-loop", checklist, TimeSpan.Zero, before);
        Start("leak", checklist, TimeSpan.Zero, before);
        Start("stale", checklist, TimeSpan.Zero, before);
        Start("wrong-namespace", checklist, TimeSpan.Zero, before, ns: "nowhere");
        Start("plain", plain, TimeSpan.Zero, null, ns: null);
        Start("rollback", rollback, TimeSpan.Zero, before, dryRun: false);
    }

    /// <summary>Where the "rollback" case's rollback program writes the environment it was given.</summary>
    private static string RolledBack => Path.Combine(_directory!.FullName, "rolled-back.env");

    [ClassCleanup]
    public static async Task StopAsync()
    {
        await Task.WhenAll(Runs.Values.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        if (_alertmanager is not null)
        {
            await _alertmanager.DisposeAsync();
        }

        _receiver?.Dispose();

        _cluster?.Dispose();
        _directory?.Delete(recursive: true);
    }

    [TestMethod]
    [DataRow("at-once")]
    [DataRow("no-deployed-at")]
    [DataRow("late")]
    public async Task Verify_HealthyRollout_JudgesTheNewReplicaSetAndPasses(string name)
    {
        var run = await Runs[name];

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual(Namespace(name).NewReplicaSet, run.Release, run.ToString());
        Assert.AreEqual("passed", run.Verdict);
        StringAssert.Contains(run.Output, "Release data is fresh");
        Assert.IsTrue(run.StartedAt >= _rolloutAt - TimeSpan.FromSeconds(1), $"the soak starts at the new release, not before: {run.StartedAt:O}");
        Assert.IsTrue(run.Evaluations >= 15, $"{run.Evaluations} evaluations: the memory check saw the pods of another job");
    }

    [TestMethod]
    public async Task Verify_CrashLoop_FailsWithinSeconds()
    {
        var run = await Runs["crash-loop"];

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.AreEqual(Namespace("crash-loop").NewReplicaSet, run.Release);
        Assert.AreEqual("restarts", run.FailedCheck, run.ToString());
        Assert.IsTrue(run.DecidedAt < _rolloutAt + TimeSpan.FromSeconds(30), $"decided at {run.DecidedAt:O}, rollout {_rolloutAt:O}");
    }

    [TestMethod]
    public async Task Verify_Leak_FailsBeforeTheFirstOomKill()
    {
        var run = await Runs["leak"];
        var leak = Namespace("leak");
        var firstOom = leak.FirstOomKillAt;

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.AreEqual(leak.NewReplicaSet, run.Release);
        Assert.AreEqual("memory", run.FailedCheck, run.ToString());
        Assert.IsTrue(run.DecidedAt < firstOom, $"decided at {run.DecidedAt:O}, first OOM kill at {firstOom:O}");
    }

    [TestMethod]
    public async Task Verify_NoReleaseSectionNoDeployedAt_SeesDataAndPasses()
    {
        var run = await Runs["plain"];

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual("passed", run.Verdict);
    }

    [TestMethod]
    public async Task Verify_KubeStateMetricsStoppedBeforeTheRun_IsInconclusiveWithinTheWait()
    {
        var run = await Runs["stale"];

        Assert.AreEqual(3, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "no release data scraped since the run began");
        StringAssert.Contains(run.Output, "kube_replicaset_created{namespace=\"stale\"}");
        Assert.IsTrue(run.Elapsed < TimeSpan.FromSeconds(20 + 30), $"{run.Elapsed.TotalSeconds:0.0} s: release.waitFor is 20 s");
    }

    [TestMethod]
    public async Task Verify_WrongNamespace_IsInvalidInputAtOnce()
    {
        var run = await Runs["wrong-namespace"];

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output + run.Error, "matches no series");
        Assert.IsTrue(run.Elapsed < TimeSpan.FromSeconds(10), $"{run.Elapsed.TotalSeconds:0.0} s");
    }

    [TestMethod]
    public async Task Verify_LeakInARealRun_RollsBackBeforeTheFirstOomKill_AndAlertmanagerHasTheFailureThenItsResolution()
    {
        var run = await Runs["rollback"];
        var leak = Namespace("rollback");
        var firstOom = leak.FirstOomKillAt;

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.AreEqual("memory", run.FailedCheck, run.ToString());
        Assert.IsTrue(run.DecidedAt < firstOom, $"decided at {run.DecidedAt:O}, first OOM kill at {firstOom:O}");
        var given = File.ReadAllLines(RolledBack);
        CollectionAssert.Contains(given, "DEPLOY_VERIFIER_VERDICT=failed", string.Join("\n", given));
        Assert.IsTrue(given.Any(l => l.StartsWith("DEPLOY_VERIFIER_FAILED_CHECKS=", StringComparison.Ordinal) && l.Contains("memory", StringComparison.Ordinal)), string.Join("\n", given));
        Assert.IsTrue(File.GetLastWriteTimeUtc(RolledBack) < firstOom.UtcDateTime, $"rolled back at {File.GetLastWriteTimeUtc(RolledBack):O}, first OOM kill at {firstOom:O}");

        using var report = JsonDocument.Parse(run.Json!);
        var rollback = report.RootElement.GetProperty("rollback");
        Assert.AreEqual("done", rollback.GetProperty("state").GetString(), rollback.ToString());
        Assert.IsTrue(rollback.GetProperty("succeeded").GetBoolean(), rollback.ToString());
        var sent = report.RootElement.GetProperty("notifications").EnumerateArray()
            .Where(n => n.GetProperty("target").GetString() == "alertmanager").ToList();
        Assert.IsTrue(sent.Any(n => n.GetProperty("event").GetString() == "verdict" && n.GetProperty("outcome").GetString() == "sent"), string.Join("\n", sent));
        Assert.IsTrue(sent.Any(n => n.GetProperty("event").GetString() == "resolved" && n.GetProperty("outcome").GetString() == "sent"), string.Join("\n", sent));

        // Behind Alertmanager: the failure of the memory check in this namespace fires, then is resolved by the rollback.
        List<(string Status, JsonElement Alert)> received = [];
        for (var i = 0; i < 300 && !received.Any(r => r.Status == "resolved"); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            received = [.. _receiver!.Requests
                .SelectMany(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("alerts").EnumerateArray().Select(a => (a.GetProperty("status").GetString()!, a)))
                .Where(r => r.Item2.GetProperty("labels").GetProperty("namespace").GetString() == "rollback"
                    && r.Item2.GetProperty("labels").GetProperty("stage").GetString() == "failed")];
        }

        var statuses = received.Select(r => r.Status).Where((s, i) => i == 0 || s != received[i - 1].Status).ToList();
        CollectionAssert.AreEqual(new[] { "firing", "resolved" }, statuses, string.Join("\n", received.Select(r => r.Alert.ToString())));
        var labels = received[0].Alert.GetProperty("labels");
        Assert.AreEqual("memory", labels.GetProperty("check").GetString(), labels.ToString());
        Assert.AreEqual("payments", labels.GetProperty("team").GetString(), labels.ToString());
    }

    private static LiveNamespace Namespace(string name) => _namespaces.Single(n => n.Name == name);

    /// <summary>Starts case <paramref name="name"/>: the CLI at the rollout + <paramref name="after"/>.</summary>
    private static void Start(string name, string checklist, TimeSpan after, DateTimeOffset? deployedAt, string? ns = "", bool dryRun = true)
    {
        Runs[name] = Task.Run(async () =>
        {
            var at = _rolloutAt + after;
            var wait = at - TimeProvider.System.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var report = Path.Combine(_directory!.FullName, name + ".json");
            var arguments = new List<string>
            {
                "verify", "--checklist", checklist, "--prometheus-url", _prometheus!.Url.ToString(), "--report-json", report,
            };
            if (dryRun)
            {
                arguments.Add("--dry-run");
            }

            if (ns is not null)
            {
                arguments.AddRange(["--var", $"namespace={(ns.Length == 0 ? name : ns)}"]);
            }

            if (deployedAt is { } given)
            {
                arguments.AddRange(["--deployed-at", given.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)]);
            }

            var started = Stopwatch.GetTimestamp();
            var result = await DeployVerifierProcess.RunAsync(arguments);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (File.Exists(report))
            {
                ReportSchema.AssertValid(report); // every live report, whatever its verdict, is one the schema describes
            }

            return LiveRun.From(result, elapsed, File.Exists(report) ? await File.ReadAllTextAsync(report) : null);
        });
    }

    /// <summary>One case's outcome: the process's and its report's.</summary>
    private sealed record LiveRun(ProcessResult Result, TimeSpan Elapsed)
    {
        public int ExitCode => Result.ExitCode;

        public string Output => Result.Output;

        public string Error => Result.Error;

        /// <summary>The report as written.</summary>
        public string? Json { get; init; }

        public string? Verdict { get; init; }

        public string? Release { get; init; }

        public DateTimeOffset? StartedAt { get; init; }

        public DateTimeOffset? DecidedAt { get; init; }

        public string? FailedCheck { get; init; }

        public int Evaluations { get; init; }

        public static LiveRun From(ProcessResult result, TimeSpan elapsed, string? json)
        {
            if (json is null)
            {
                return new LiveRun(result, elapsed);
            }

            using var report = JsonDocument.Parse(json);
            var root = report.RootElement;
            var release = root.GetProperty("release");
            return new LiveRun(result, elapsed)
            {
                Json = json,
                Verdict = root.GetProperty("verdict").GetString(),
                Release = release.GetProperty("name").GetString(),
                StartedAt = release.GetProperty("startedAt").GetDateTimeOffset(),
                DecidedAt = root.GetProperty("decidedAt").ValueKind == JsonValueKind.Null ? null : root.GetProperty("decidedAt").GetDateTimeOffset(),
                FailedCheck = root.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("outcome").GetString() == "failed")
                    .Select(c => c.GetProperty("name").GetString()).FirstOrDefault(),
                Evaluations = root.GetProperty("soak").GetProperty("evaluations").GetInt32(),
            };
        }

        public override string ToString() => $"{Result}\n(elapsed {Elapsed.TotalSeconds:0.0} s)";
    }
}
