using System.Globalization;
using System.Text.Json;
using DeployVerifier.Support;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// The CLI as a process, soaking live against a real Prometheus whose history reaches into the future, and notifying a
/// real Alertmanager (Debian's <c>prometheus-alertmanager</c>) that routes every alert (<c>group_wait: 1s</c>) to a
/// webhook receiver served here, with a Slack stand-in beside it.
/// </summary>
[TestClass]
public sealed class AlertmanagerNotifyTests
{
    private static PrometheusServer? s_prometheus;
    private static AlertmanagerServer? s_alertmanager;
    private static StandInServer? s_receiver;
    private static StandInServer? s_slack;
    private static DateTimeOffset s_deployedAt;
    private static string s_directory = "";

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task Start(TestContext context)
    {
        // The release was deployed 6 minutes ago (on the 15 s scrape grid); its history runs 4 minutes ahead, so a soak can run live now.
        var now = DateTimeOffset.UtcNow;
        s_deployedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 15 * 15) - TimeSpan.FromMinutes(6);
        s_prometheus = await PrometheusServer.StartAsync(ReleaseHistory.Generate(
            ReleaseSpec.CrashLoop("am-crash") with { DeployedAt = s_deployedAt, PostMinutes = 10 },
            ReleaseSpec.CrashLoop("am-slack-hangs") with { DeployedAt = s_deployedAt, PostMinutes = 10 },
            ReleaseSpec.CrashLoop("am-one-hangs") with { DeployedAt = s_deployedAt, PostMinutes = 10 },
            ReleaseSpec.Healthy("am-healthy") with { DeployedAt = s_deployedAt, PostMinutes = 10 }));
        s_receiver = new StandInServer(_ => (200, ""));
        s_slack = new StandInServer(_ => (200, "ok"));
        s_alertmanager = await AlertmanagerServer.StartAsync(s_receiver.Url);
        s_directory = Directory.CreateTempSubdirectory("dv-notify-").FullName;
    }

    [ClassCleanup]
    public static async Task Stop()
    {
        if (s_alertmanager is not null)
        {
            await s_alertmanager.DisposeAsync();
        }

        if (s_prometheus is not null)
        {
            await s_prometheus.DisposeAsync();
        }

        s_receiver?.Dispose();
        s_slack?.Dispose();
        Directory.Delete(s_directory, recursive: true);
    }

    /// <summary>A checklist whose first evaluation lies a few seconds ahead, then one every second for 20 s: a live soak.</summary>
    private static string Workspace(string ns, string slackTimeout = "10s", Uri? hangingAlertmanager = null, string flushTimeout = "20s")
    {
        var alertmanagers = string.Join(", ", new[] { hangingAlertmanager, s_alertmanager!.Url }.OfType<Uri>().Select(u => $"\"{u}\""));
        var warmUp = (int)Math.Ceiling((DateTimeOffset.UtcNow - s_deployedAt).TotalSeconds) + 6;
        var checklist = $$"""
            soak: {duration: {{warmUp + 20}}s, interval: 1s, warmUp: {{warmUp}}s, ingestionLag: 0s}
            vars:
              namespace: ~
              service: checkout
            checks:
              - name: restarts
                query: kube_pod_container_status_restarts_total{namespace="${namespace}"}
                max: 0
                perSeries: true
                tolerance: 6
                runbook: https://wiki.example.org/runbooks/restarts?namespace=${namespace}
            notify:
              flushTimeout: {{flushTimeout}}
              alertmanager:
                urls: [{{alertmanagers}}]
                labels: {team: payments}
                minFiring: 2s
              slack: {urlEnv: SLACK_WEBHOOK_URL, timeout: {{slackTimeout}}}
            rollback:
              command: {program: touch, args: [rolled-back], timeout: 30s}
            """;
        var folder = Directory.CreateDirectory(Path.Combine(s_directory, ns + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.WriteAllText(Path.Combine(folder, "checks.yml"), checklist);
        return folder;
    }

    private static async Task<ProcessResult> Verify(string workspace, string ns, Uri? slack = null) =>
        await DeployVerifierProcess.RunAsync(
            ["verify", "--checklist", "checks.yml", "--prometheus-url", s_prometheus!.Url.ToString(),
                "--deployed-at", s_deployedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                "--var", $"namespace={ns}", "--report-json", "report.json"],
            new Dictionary<string, string> { ["SLACK_WEBHOOK_URL"] = new Uri(slack ?? s_slack!.Url, $"services/{ns}/T0/secret-{ns}").ToString() },
            workspace);

    [TestMethod]
    public async Task Verify_SlackHangs_AlertmanagerHasTheVerdictAtOnce_AndTheRunEndsSoonAfterTheRollback()
    {
        const string Ns = "am-slack-hangs";
        using var hanging = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        hanging.Start(); // accepts connections (the backlog) and never answers: a Slack that hangs
        var slack = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)hanging.LocalEndpoint).Port}/");
        var workspace = Workspace(Ns, slackTimeout: "60s");

        var result = await Verify(workspace, Ns, slack);
        var exited = DateTimeOffset.UtcNow;

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        var sent = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace, "report.json"))).RootElement.GetProperty("notifications").EnumerateArray().ToList();
        DateTimeOffset At(JsonElement n, string key) => DateTimeOffset.Parse(n.GetProperty(key).GetString()!, CultureInfo.InvariantCulture);
        var verdict = sent.First(n => n.GetProperty("target").GetString() == "alertmanager" && n.GetProperty("event").GetString() == "verdict");
        var resolved = sent.First(n => n.GetProperty("target").GetString() == "alertmanager" && n.GetProperty("event").GetString() == "resolved");
        Assert.IsTrue(verdict.GetProperty("succeeded").GetBoolean());
        Assert.IsLessThan(TimeSpan.FromSeconds(10), At(verdict, "sentAt") - At(verdict, "triggeredAt"), "the verdict reached Alertmanager at once");
        Assert.IsLessThan(TimeSpan.FromSeconds(10), At(resolved, "sentAt") - At(resolved, "triggeredAt"), "and the rollback's outcome");
        Assert.IsLessThan(TimeSpan.FromSeconds(25), exited - At(resolved, "triggeredAt"), "the run ends within the flush after the rollback");
        Assert.IsTrue(sent.Any(n => n.GetProperty("target").GetString() == "slack" && n.GetProperty("outcome").GetString() == "notSent"));
        ReportSchema.AssertValid(Path.Combine(workspace, "report.json"));
        StringAssert.Contains(string.Join("\n", sent.Where(n => n.GetProperty("target").GetString() == "slack").Select(n => n.ToString())), "notSent");
        StringAssert.Contains(result.Output + result.Error, "notifications to slack: stopped waiting after 20s", "a CI warning");
    }

    [TestMethod]
    public async Task Verify_OneOfTwoAlertmanagersHangs_TheOtherHasTheFailureOnceAndItsResolution()
    {
        const string Ns = "am-one-hangs";
        using var hanging = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        hanging.Start(); // the first address accepts connections and never answers
        var dead = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)hanging.LocalEndpoint).Port}/");
        var workspace = Workspace(Ns, hangingAlertmanager: dead, flushTimeout: "5s");

        var result = await Verify(workspace, Ns);
        var exited = DateTimeOffset.UtcNow;

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        var sent = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace, "report.json"))).RootElement.GetProperty("notifications").EnumerateArray().ToList();
        DateTimeOffset At(JsonElement n, string key) => DateTimeOffset.Parse(n.GetProperty(key).GetString()!, CultureInfo.InvariantCulture);
        bool To(JsonElement n, Uri address) => n.GetProperty("detail").GetString()!.Contains(address.Authority, StringComparison.Ordinal);
        var verdict = sent.First(n => n.GetProperty("event").GetString() == "verdict" && To(n, s_alertmanager!.Url));
        var resolved = sent.First(n => n.GetProperty("event").GetString() == "resolved" && To(n, s_alertmanager!.Url));
        Assert.AreEqual("sent", verdict.GetProperty("outcome").GetString());
        Assert.IsLessThan(TimeSpan.FromSeconds(10), At(verdict, "sentAt") - At(verdict, "triggeredAt"), "the hanging address delays nothing of the other's");
        Assert.AreEqual("sent", resolved.GetProperty("outcome").GetString());
        Assert.IsLessThan(TimeSpan.FromSeconds(12), exited - At(resolved, "triggeredAt"), "notify.flushTimeout (5s) bounds the wait for the hanging address");
        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live address: verdict posted {(At(verdict, "sentAt") - At(verdict, "triggeredAt")).TotalMilliseconds:0} ms after it was reached, resolution {(At(resolved, "sentAt") - At(resolved, "triggeredAt")).TotalMilliseconds:0} ms after the rollback; exited {(exited - At(resolved, "triggeredAt")).TotalSeconds:0.0} s after the rollback's outcome"));
        var unsent = sent.Single(n => n.GetProperty("outcome").GetString() == "notSent");
        StringAssert.Contains(unsent.GetProperty("detail").GetString(), $"stopped waiting after 5s for {dead.Authority}");
        StringAssert.Contains(result.Output + result.Error, dead.Authority, "a CI warning names the address that was not reached");
        ReportSchema.AssertValid(Path.Combine(workspace, "report.json"));

        // The receiver behind the live address: each stage's alert fires once and is resolved once, with no flapping between.
        List<(DateTimeOffset At, string Status, JsonElement Alert)> received = [];
        static string Stage(JsonElement alert) => alert.GetProperty("labels").GetProperty("stage").GetString()!;
        for (var i = 0; i < 300 && !received.Any(r => r.Status == "resolved" && Stage(r.Alert) == "failed"); i++)
        {
            await Task.Delay(100, TestContext.CancellationTokenSource.Token);
            received = Received(Ns);
        }

        foreach (var stage in new[] { "warning", "failed" })
        {
            var statuses = received.Where(r => Stage(r.Alert) == stage).Select(r => r.Status).ToList();
            var changes = statuses.Where((s, i) => i == 0 || s != statuses[i - 1]).ToList();
            CollectionAssert.AreEqual(new[] { "firing", "resolved" }, changes, $"{stage}: {string.Join(" ", statuses)}");
        }
    }

    /// <summary>The alerts about <paramref name="ns"/> in Alertmanager's webhook notifications, each with its own status, in arrival order.</summary>
    private static List<(DateTimeOffset At, string Status, JsonElement Alert)> Received(string ns) =>
        [.. s_receiver!.Requests
            .SelectMany(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("alerts").EnumerateArray()
                .Select(a => (r.ReceivedAt, a.GetProperty("status").GetString()!, a)))
            .Where(x => x.Item3.GetProperty("labels").TryGetProperty("namespace", out var n) && n.GetString() == ns)];

    private static async Task<List<JsonElement>> AlertsInAlertmanager(string ns)
    {
        using var http = new HttpClient();
        var json = await http.GetStringAsync(new Uri(s_alertmanager!.Url, $"api/v2/alerts?filter=namespace%3D%22{ns}%22"));
        return [.. JsonDocument.Parse(json).RootElement.EnumerateArray()];
    }

    [TestMethod]
    public async Task Verify_FailingRelease_AlertArrivesThroughAlertmanagerStaysFiringAndIsResolvedAfterTheRollback()
    {
        const string Ns = "am-crash";
        var workspace = Workspace(Ns);

        var result = await Verify(workspace, Ns);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.IsTrue(File.Exists(Path.Combine(workspace, "rolled-back")), result.ToString());
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace, "report.json"))).RootElement;
        var sent = report.GetProperty("notifications").EnumerateArray().ToList();
        var warning = sent.First(n => n.GetProperty("target").GetString() == "alertmanager" && n.GetProperty("event").GetString() == "earlyWarning");
        Assert.IsTrue(warning.GetProperty("succeeded").GetBoolean(), warning.ToString());
        Assert.IsTrue(sent.Any(n => n.GetProperty("target").GetString() == "alertmanager" && n.GetProperty("event").GetString() == "verdict"));
        Assert.IsTrue(sent.Any(n => n.GetProperty("target").GetString() == "alertmanager" && n.GetProperty("event").GetString() == "resolved"));
        Assert.IsTrue(sent.All(n => n.GetProperty("succeeded").GetBoolean()), string.Join("\n", sent));
        var evaluations = sent.Count(n => n.GetProperty("target").GetString() == "alertmanager" && n.GetProperty("event").GetString() == "repost");
        Assert.IsGreaterThanOrEqualTo(2, evaluations, "the firing alert is re-posted at each evaluation between the warning and the verdict");

        // Alertmanager's webhook: firing first (through its routing, with the release's labels), resolved after the rollback.
        List<(DateTimeOffset At, string Status, JsonElement Alert)> received = [];
        static bool Failed(JsonElement alert) => alert.GetProperty("labels").GetProperty("stage").GetString() == "failed";
        for (var i = 0; i < 300 && !received.Any(r => r.Status == "resolved" && Failed(r.Alert)); i++)
        {
            await Task.Delay(100, TestContext.CancellationTokenSource.Token);
            received = Received(Ns);
        }

        Assert.IsNotEmpty(received, $"nothing reached the receiver. Alertmanager's log:\n{s_alertmanager!.Log}");
        var first = received[0];
        Assert.AreEqual("firing", first.Status);
        var labels = first.Alert.GetProperty("labels");
        Assert.AreEqual("DeployVerifierCheckFailing", labels.GetProperty("alertname").GetString());
        Assert.AreEqual("restarts", labels.GetProperty("check").GetString());
        Assert.AreEqual("checkout", labels.GetProperty("service").GetString());
        Assert.AreEqual("warning", labels.GetProperty("stage").GetString(), "the early warning comes first");
        Assert.AreEqual("warning", labels.GetProperty("severity").GetString());
        var failure = received.First(r => Failed(r.Alert) && r.Status == "firing");
        Assert.AreEqual("critical", failure.Alert.GetProperty("labels").GetProperty("severity").GetString(), "a blocking failure is a new, critical alert");
        Assert.AreEqual("payments", labels.GetProperty("team").GetString());
        Assert.AreEqual($"https://wiki.example.org/runbooks/restarts?namespace={Ns}", first.Alert.GetProperty("annotations").GetProperty("runbook_url").GetString());
        ReportSchema.AssertValid(Path.Combine(workspace, "report.json"));
        StringAssert.Contains(first.Alert.GetProperty("annotations").GetProperty("description").GetString(), "tolerated");
        var verdictAt = DateTimeOffset.Parse(sent.First(n => n.GetProperty("event").GetString() == "verdict").GetProperty("triggeredAt").GetString()!,
            CultureInfo.InvariantCulture);
        Assert.IsTrue(received.Where(r => r.At < verdictAt).All(r => r.Status == "firing"), "firing through the soak, until the verdict");
        Assert.AreEqual("resolved", received.Last(r => Failed(r.Alert)).Status, "resolved after the rollback succeeded");
        Assert.IsEmpty(await AlertsInAlertmanager(Ns), "Alertmanager no longer lists it as active");

        var triggered = DateTimeOffset.Parse(warning.GetProperty("triggeredAt").GetString()!, CultureInfo.InvariantCulture);
        var latency = first.At - triggered;
        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"early warning evaluated → alert at the receiver through Alertmanager: {latency.TotalMilliseconds:0} ms (posted {(DateTimeOffset.Parse(warning.GetProperty("sentAt").GetString()!, CultureInfo.InvariantCulture) - triggered).TotalMilliseconds:0} ms after the evaluation)"));
        Assert.IsLessThan(TimeSpan.FromSeconds(10), latency);
    }

    [TestMethod]
    public async Task Verify_PassingRelease_RaisesNoAlertAndPostsOneVerifiedMessage()
    {
        const string Ns = "am-healthy";
        var workspace = Workspace(Ns);

        var result = await Verify(workspace, Ns);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        await Task.Delay(2500, TestContext.CancellationTokenSource.Token); // longer than group_wait: anything posted would have arrived
        Assert.IsEmpty(Received(Ns));
        Assert.IsEmpty(await AlertsInAlertmanager(Ns));
        var messages = s_slack!.Requests.Where(r => r.Path.Contains($"/services/{Ns}/", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, messages, result.ToString());
        var body = JsonDocument.Parse(messages[0].Body).RootElement;
        StringAssert.StartsWith(body.GetProperty("text").GetString(), "✅ Release verified");
        Assert.AreEqual("section", body.GetProperty("blocks")[0].GetProperty("type").GetString());
        Assert.DoesNotContain($"secret-{Ns}", result.Output + result.Error + File.ReadAllText(Path.Combine(workspace, "report.json")));
        ReportSchema.AssertValid(Path.Combine(workspace, "report.json"));
    }
}
