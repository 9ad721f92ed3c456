using System.Text.Json;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Notifications;
using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Notifications;

/// <summary>
/// Slack, Teams, Statuspage and the status webhook against local stand-ins that record each request; the payloads are
/// checked against the shapes each service documents.
/// </summary>
[TestClass]
public sealed class NotifyTargetsTests
{
    private static readonly CheckDefinition Restarts = new() { Name = "restarts", Query = "q", Rule = new ThresholdRule(new Threshold(null, 0)) };
    private static readonly NotifyRelease Release = new("checkout", "shop", "checkout-7d9f", new Uri("https://ci.example.org/runs/42"), DryRun: false);

    private static SoakOutcome Outcome(Verdict verdict) =>
        new(verdict, verdict == Verdict.Failed ? "restarts failed" : "every check passed", Some.Schedule(), Some.DeployedAt.AddMinutes(12),
            [new CheckResult(Restarts, verdict == Verdict.Failed ? CheckOutcome.Failed : CheckOutcome.Passed, "3 restarts on pod checkout-1, above 0", null, null, 5, [], null)],
            false, [], new Dictionary<string, BaselineInfo>());

    private static (HttpNotifySender Sender, NotificationLog Log) Sender()
    {
        var log = new NotificationLog(s => s);
        return (new HttpNotifySender(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }), TimeProvider.System, log), log);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [TestMethod]
    public async Task Slack_Verdict_PostsBlockKitWithTheVerdictFirstAndALinkToTheRun()
    {
        using var slack = new StandInServer(_ => (200, "ok"));
        var (sender, log) = Sender();
        var target = ChatNotifier.Slack(new ChatTarget("SLACK_URL", ChecklistDefaults.ChatEvents, TimeSpan.FromSeconds(5)), sender,
            Env(("SLACK_URL", new Uri(slack.Url, "services/T0/B0/secret").ToString())));

        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, Release, Outcome(Verdict.Failed)), CancellationToken.None);

        var request = slack.Requests.Single();
        Assert.AreEqual("POST", request.Method);
        var body = JsonDocument.Parse(request.Body).RootElement;
        StringAssert.StartsWith(body.GetProperty("text").GetString(), "❌ Release failed verification: checkout-7d9f");
        var blocks = body.GetProperty("blocks");
        Assert.AreEqual("section", blocks[0].GetProperty("type").GetString());
        Assert.AreEqual("mrkdwn", blocks[0].GetProperty("text").GetProperty("type").GetString());
        StringAssert.Contains(blocks[0].GetProperty("text").GetProperty("text").GetString(), "3 restarts on pod checkout-1");
        Assert.AreEqual("actions", blocks[1].GetProperty("type").GetString());
        var button = blocks[1].GetProperty("elements")[0];
        Assert.AreEqual("button", button.GetProperty("type").GetString());
        Assert.AreEqual("plain_text", button.GetProperty("text").GetProperty("type").GetString());
        Assert.AreEqual("https://ci.example.org/runs/42", button.GetProperty("url").GetString());
        var sent = log.Entries.Single();
        Assert.IsTrue(sent.Succeeded);
        Assert.DoesNotContain("secret", sent.Detail);
    }

    [TestMethod]
    public async Task Slack_FailedCheckWithRunbookAndDashboard_HasAButtonForEach()
    {
        using var slack = new StandInServer(_ => (200, "ok"));
        var (sender, _) = Sender();
        var target = ChatNotifier.Slack(new ChatTarget("SLACK_URL", ChecklistDefaults.ChatEvents, TimeSpan.FromSeconds(5)), sender,
            Env(("SLACK_URL", slack.Url.ToString())));
        var release = Release with
        {
            Links = new Dictionary<string, Plans.CheckLinks>
            {
                ["restarts"] = new(new Uri("https://wiki.example.org/runbooks/restarts"), new Uri("https://grafana.example.org/d/pods?var-namespace=shop")),
            },
        };

        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, release, Outcome(Verdict.Failed)), CancellationToken.None);

        var buttons = JsonDocument.Parse(slack.Requests.Single().Body).RootElement.GetProperty("blocks")[1].GetProperty("elements").EnumerateArray()
            .Select(b => (b.GetProperty("text").GetProperty("text").GetString(), b.GetProperty("url").GetString())).ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                ("Open the run", "https://ci.example.org/runs/42"),
                ("Runbook: restarts", "https://wiki.example.org/runbooks/restarts"),
                ("Dashboard: restarts", "https://grafana.example.org/d/pods?var-namespace=shop"),
            },
            buttons);
    }

    [TestMethod]
    public async Task Alertmanager_Failure_CarriesTheRunbookDashboardAndTheTeamsSeverityName()
    {
        using var alertmanager = new StandInServer(_ => (200, ""));
        var (sender, _) = Sender();
        var settings = new AlertmanagerTarget([alertmanager.Url], ChecklistDefaults.AlertEvents, new Dictionary<string, string>(), new Dictionary<string, string>(),
            null, null, new Dictionary<string, string>(), ChecklistDefaults.AlertKeepFailedFor, TimeSpan.FromSeconds(5))
        {
            Severities = AlertSeverities.Default with { Fail = "page" },
        };
        var target = new AlertmanagerNotifier(settings, alertmanager.Url, sender, Env(), new Dictionary<string, CheckDefinition> { ["restarts"] = Restarts },
            TimeProvider.System);
        var release = Release with
        {
            Links = new Dictionary<string, Plans.CheckLinks> { ["restarts"] = new(new Uri("https://wiki.example.org/runbooks/restarts"), null) },
        };

        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, release, Outcome(Verdict.Failed)), CancellationToken.None);

        var alert = JsonDocument.Parse(alertmanager.Requests.Single().Body).RootElement[0];
        Assert.AreEqual("page", alert.GetProperty("labels").GetProperty("severity").GetString());
        Assert.AreEqual("failed", alert.GetProperty("labels").GetProperty("stage").GetString());
        var annotations = alert.GetProperty("annotations");
        Assert.AreEqual("https://wiki.example.org/runbooks/restarts", annotations.GetProperty("runbook_url").GetString());
        Assert.IsFalse(annotations.TryGetProperty("dashboard_url", out _), "no dashboard was given");
    }

    [TestMethod]
    public async Task Alertmanager_TokenVariableUnset_NotSentAndTheSettingIsNamed()
    {
        using var alertmanager = new StandInServer(_ => (200, ""));
        var (sender, log) = Sender();
        var settings = new AlertmanagerTarget([alertmanager.Url], ChecklistDefaults.AlertEvents, new Dictionary<string, string>(), new Dictionary<string, string>(),
            "AM_TOKEN", null, new Dictionary<string, string>(), ChecklistDefaults.AlertKeepFailedFor, TimeSpan.FromSeconds(5));
        var target = new AlertmanagerNotifier(settings, alertmanager.Url, sender, Env(), new Dictionary<string, CheckDefinition> { ["restarts"] = Restarts },
            TimeProvider.System);

        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, Release, Outcome(Verdict.Failed)), CancellationToken.None);

        Assert.IsEmpty(alertmanager.Requests);
        var entry = log.Entries.Single();
        Assert.AreEqual("failed", entry.Outcome);
        StringAssert.Contains(entry.Detail, "environment variable AM_TOKEN (notify.alertmanager.bearerTokenEnv) is not set");
    }

    [TestMethod]
    public async Task Teams_Verdict_PostsAWorkflowsEnvelopeWithAnAdaptiveCard()
    {
        using var teams = new StandInServer(_ => (202, ""));
        var (sender, _) = Sender();
        var target = ChatNotifier.Teams(new ChatTarget("TEAMS_URL", ChecklistDefaults.ChatEvents, TimeSpan.FromSeconds(5)), sender,
            Env(("TEAMS_URL", new Uri(teams.Url, "workflows/abc/triggers/manual/paths/invoke?sig=secret").ToString())));

        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, Release with { DryRun = true }, Outcome(Verdict.Passed)), CancellationToken.None);

        var body = JsonDocument.Parse(teams.Requests.Single().Body).RootElement;
        Assert.AreEqual("message", body.GetProperty("type").GetString());
        var attachment = body.GetProperty("attachments").EnumerateArray().Single();
        Assert.AreEqual("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.AreEqual(JsonValueKind.Null, attachment.GetProperty("contentUrl").ValueKind);
        var card = attachment.GetProperty("content");
        Assert.AreEqual("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.AreEqual("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());
        Assert.AreEqual("1.4", card.GetProperty("version").GetString());
        var title = card.GetProperty("body")[0];
        Assert.AreEqual("TextBlock", title.GetProperty("type").GetString());
        Assert.AreEqual("[dry run] Release verification passed", title.GetProperty("text").GetString());
        StringAssert.StartsWith(card.GetProperty("body")[1].GetProperty("text").GetString(), "[dry run] ✅ Release verified");
        var action = card.GetProperty("actions")[0];
        Assert.AreEqual("Action.OpenUrl", action.GetProperty("type").GetString());
        Assert.AreEqual("https://ci.example.org/runs/42", action.GetProperty("url").GetString());
    }

    [TestMethod]
    public async Task Chat_EarlyWarningNotChosen_SendsNothing()
    {
        using var slack = new StandInServer(_ => (200, "ok"));
        var (sender, log) = Sender();
        var target = ChatNotifier.Slack(new ChatTarget("SLACK_URL", new HashSet<NotifyEvent> { NotifyEvent.Verdict }, TimeSpan.FromSeconds(5)), sender,
            Env(("SLACK_URL", slack.Url.ToString())));
        var warning = new CheckWarning("restarts", "3 restarts (2 failing in a row of 4 tolerated)", 3, null, Some.DeployedAt);

        await target.HandleAsync(new EvaluationNotice(Some.DeployedAt, Release, [warning], [warning], TimeSpan.FromSeconds(30)), CancellationToken.None);

        Assert.IsEmpty(slack.Requests);
        Assert.IsEmpty(log.Entries);
    }

    [TestMethod]
    public async Task Chat_TargetFails_RetriedThenReportedWithoutTheSecretUrl()
    {
        using var slack = new StandInServer(_ => (503, "down for maintenance"));
        var (sender, log) = Sender();
        var target = ChatNotifier.Slack(new ChatTarget("SLACK_URL", ChecklistDefaults.ChatEvents, TimeSpan.FromSeconds(5)), sender,
            Env(("SLACK_URL", new Uri(slack.Url, "services/T0/B0/secret").ToString())));

        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, Release, Outcome(Verdict.Passed)), CancellationToken.None);

        Assert.HasCount(HttpNotifySender.Attempts, slack.Requests);
        var sent = log.Entries.Single();
        Assert.IsFalse(sent.Succeeded);
        Assert.AreEqual(HttpNotifySender.Attempts, sent.Attempts);
        StringAssert.Contains(sent.Detail, "503");
        Assert.DoesNotContain("secret", sent.Detail);
    }

    [TestMethod]
    public async Task Chat_UrlVariableNotSet_ReportedNamingTheVariable()
    {
        var (sender, log) = Sender();
        var target = ChatNotifier.Slack(new ChatTarget("SLACK_URL", ChecklistDefaults.ChatEvents, TimeSpan.FromSeconds(5)), sender, Env());

        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, Release, Outcome(Verdict.Passed)), CancellationToken.None);

        var sent = log.Entries.Single();
        Assert.IsFalse(sent.Succeeded);
        StringAssert.Contains(sent.Detail, "environment variable SLACK_URL is not set");
    }

    [TestMethod]
    public async Task Chat_Redirect_NotFollowed()
    {
        using var elsewhere = new StandInServer(_ => (200, "ok"));
        using var slack = new StandInServer(_ => (302, "")) { Headers = new Dictionary<string, string> { ["Location"] = elsewhere.Url.ToString() } };
        var (sender, log) = Sender();
        var target = ChatNotifier.Slack(new ChatTarget("SLACK_URL", ChecklistDefaults.ChatEvents, TimeSpan.FromSeconds(5)), sender,
            Env(("SLACK_URL", slack.Url.ToString())));

        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, Release, Outcome(Verdict.Passed)), CancellationToken.None);

        Assert.IsEmpty(elsewhere.Requests);
        Assert.IsFalse(log.Entries.Single().Succeeded);
        StringAssert.Contains(log.Entries.Single().Detail, "redirects are not followed");
    }

    [TestMethod]
    public async Task Statuspage_FailedThenRolledBack_SetsTheComponentOpensAndResolvesTheIncident()
    {
        using var page = new StandInServer(path => path.EndsWith("/incidents", StringComparison.Ordinal) ? (201, """{"id": "inc42", "status": "identified"}""") : (200, "{}"));
        var (sender, log) = Sender();
        var target = new StatuspageNotifier(new StatuspageTarget(new Uri(page.Url, "v1/"), "pg1", "cmp1", "SP_KEY", "degraded_performance", TimeSpan.FromSeconds(5)),
            sender, Env(("SP_KEY", "key-123")));

        var warning = new CheckWarning("restarts", "3 restarts", 3, null, Some.DeployedAt);
        var release = Release with { RollbackExpected = true };
        await target.HandleAsync(new EvaluationNotice(Some.DeployedAt, release, [warning], [warning], TimeSpan.FromSeconds(30)), CancellationToken.None);
        Assert.IsEmpty(page.Requests, "never on an early warning");
        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, release, Outcome(Verdict.Failed)), CancellationToken.None);
        await target.HandleAsync(new RollbackNotice(Some.DeployedAt, release, new RollbackOutcome(true, true, "command succeeded", [])), CancellationToken.None);

        var requests = page.Requests;
        Assert.HasCount(4, requests, string.Join("\n", requests));
        Assert.IsTrue(requests.All(r => r.Authorization == "OAuth key-123"));
        Assert.AreEqual(("PATCH", "/v1/pages/pg1/components/cmp1"), (requests[0].Method, requests[0].Path));
        Assert.AreEqual("degraded_performance", JsonDocument.Parse(requests[0].Body).RootElement.GetProperty("component").GetProperty("status").GetString());
        Assert.AreEqual(("POST", "/v1/pages/pg1/incidents"), (requests[1].Method, requests[1].Path));
        var incident = JsonDocument.Parse(requests[1].Body).RootElement.GetProperty("incident");
        Assert.IsFalse(string.IsNullOrWhiteSpace(incident.GetProperty("name").GetString()));
        Assert.AreEqual("investigating", incident.GetProperty("status").GetString());
        Assert.DoesNotContain("checkout-7d9f", incident.ToString(), "a public page names the service, never the release's pods or values");
        Assert.AreEqual("cmp1", incident.GetProperty("component_ids")[0].GetString());
        Assert.AreEqual("degraded_performance", incident.GetProperty("components").GetProperty("cmp1").GetString());
        StringAssert.Contains(incident.GetProperty("body").GetString(), "rolling it back");
        Assert.AreEqual(("PATCH", "/v1/pages/pg1/incidents/inc42"), (requests[2].Method, requests[2].Path));
        var resolved = JsonDocument.Parse(requests[2].Body).RootElement.GetProperty("incident");
        Assert.AreEqual("resolved", resolved.GetProperty("status").GetString());
        Assert.AreEqual("operational", resolved.GetProperty("components").GetProperty("cmp1").GetString());
        Assert.AreEqual("operational", JsonDocument.Parse(requests[3].Body).RootElement.GetProperty("component").GetProperty("status").GetString());
        Assert.IsTrue(log.Entries.All(e => e.Succeeded));
    }

    [TestMethod]
    public async Task Statuspage_DryRun_NeverTouched()
    {
        using var page = new StandInServer(_ => (200, "{}"));
        var (sender, log) = Sender();
        var target = new StatuspageNotifier(new StatuspageTarget(page.Url, "pg1", "cmp1", "SP_KEY", "partial_outage", TimeSpan.FromSeconds(5)),
            sender, Env(("SP_KEY", "key-123")));

        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, Release with { DryRun = true }, Outcome(Verdict.Failed)), CancellationToken.None);

        Assert.IsEmpty(page.Requests);
        Assert.IsEmpty(log.Entries);
    }

    [TestMethod]
    public async Task StatusWebhook_Verdict_PostsTheJsonBodyWithHeadersFromTheEnvironment()
    {
        using var hook = new StandInServer(_ => (204, ""));
        var (sender, _) = Sender();
        var target = new StatusWebhookNotifier(new StatusWebhookTarget("HOOK_URL", new Dictionary<string, string> { ["Authorization"] = "HOOK_AUTH" },
            ChecklistDefaults.StatusWebhookEvents, TimeSpan.FromSeconds(5)), sender, Env(("HOOK_URL", hook.Url.ToString()), ("HOOK_AUTH", "Bearer t")));

        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, Release, Outcome(Verdict.Failed)), CancellationToken.None);

        var request = hook.Requests.Single();
        Assert.AreEqual("Bearer t", request.Authorization);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.AreEqual("verdict", body.GetProperty("event").GetString());
        Assert.AreEqual("failed", body.GetProperty("verdict").GetString());
        Assert.AreEqual("degraded", body.GetProperty("status").GetString());
        Assert.AreEqual("restarts", body.GetProperty("failedChecks")[0].GetString());
        Assert.AreEqual("checkout-7d9f", body.GetProperty("release").GetString());
    }

    [TestMethod]
    public async Task NoNotify_PrintsWhatWouldBeSentAndSendsNothing()
    {
        using var slack = new StandInServer(_ => (200, "ok"));
        var log = new NotificationLog(s => s);
        using var output = new StringWriter();
        var target = ChatNotifier.Slack(new ChatTarget("SLACK_URL", ChecklistDefaults.ChatEvents, TimeSpan.FromSeconds(5)),
            new PrintingNotifySender(output, TimeProvider.System, log), Env(("SLACK_URL", new Uri(slack.Url, "services/secret").ToString())));

        await target.HandleAsync(new VerdictNotice(Some.DeployedAt, Release, Outcome(Verdict.Passed)), CancellationToken.None);

        Assert.IsEmpty(slack.Requests);
        StringAssert.Contains(output.ToString(), "--no-notify: would send to slack (verdict)");
        StringAssert.Contains(output.ToString(), "✅ Release verified");
        Assert.DoesNotContain("secret", output.ToString());
        Assert.IsFalse(log.Entries.Single().Sent);
    }
}
