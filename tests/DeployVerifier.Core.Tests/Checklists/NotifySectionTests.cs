namespace DeployVerifier.Checklists;

/// <summary>The <c>notify</c> section as the loader reads and validates it.</summary>
[TestClass]
public sealed class NotifySectionTests
{
    private const string Checks = "checks:\n  - {name: a, query: q, max: 1}\n";

    private static IReadOnlyList<ChecklistError> Errors(string notify)
    {
        var result = ChecklistLoader.Load(Checks + notify, "c.yml");
        Assert.IsNull(result.Checklist);
        return result.Errors;
    }

    [TestMethod]
    public void Load_EveryTarget_TakesTheValuesAndTheDefaults()
    {
        var result = ChecklistLoader.Load(Checks + """
            notify:
              alertmanager:
                urls: [http://am-0:9093, http://am-1:9093]
                bearerTokenEnv: AM_TOKEN
                labels: {team: payments}
              slack: {urlEnv: SLACK_WEBHOOK_URL}
              teams: {urlEnv: TEAMS_WEBHOOK_URL, events: [started, verdict]}
              statuspage: {pageId: p1, componentId: c1, tokenEnv: STATUSPAGE_API_KEY}
              webhook: {urlEnv: STATUS_URL, headersFromEnv: {Authorization: STATUS_AUTH}}
            """, "c.yml");

        Assert.IsEmpty(result.Errors, string.Join("\n", result.Errors));
        var notify = result.Checklist!.Notify;
        Assert.HasCount(2, notify.Alertmanager!.Urls);
        Assert.AreEqual(ChecklistDefaults.AlertKeepFailedFor, notify.Alertmanager.KeepFailedFor);
        CollectionAssert.AreEquivalent(new[] { NotifyEvent.EarlyWarning, NotifyEvent.Verdict }, notify.Alertmanager.Events.ToList());
        CollectionAssert.AreEquivalent(new[] { NotifyEvent.EarlyWarning, NotifyEvent.Verdict, NotifyEvent.Rollback }, notify.Slack!.Events.ToList());
        CollectionAssert.AreEquivalent(new[] { NotifyEvent.Started, NotifyEvent.Verdict }, notify.Teams!.Events.ToList());
        Assert.AreEqual("partial_outage", notify.Statuspage!.ComponentStatus);
        Assert.AreEqual(new Uri("https://api.statuspage.io/v1/"), notify.Statuspage.ApiUrl);
        CollectionAssert.IsSubsetOf(new[] { "AM_TOKEN", "SLACK_WEBHOOK_URL", "TEAMS_WEBHOOK_URL", "STATUSPAGE_API_KEY", "STATUS_URL", "STATUS_AUTH" },
            notify.SecretVariables().ToList());
    }

    [TestMethod]
    public void Load_FlushTimeoutAndSeverities_AreTaken_ACancelledRunFlushesAtMost5s()
    {
        var result = ChecklistLoader.Load(Checks + """
            notify:
              flushTimeout: 45s
              alertmanager:
                urls: http://am:9093
                severities: {fail: page, dryRun: none}
            """, "c.yml");

        Assert.IsEmpty(result.Errors, string.Join("\n", result.Errors));
        var notify = result.Checklist!.Notify;
        Assert.AreEqual(TimeSpan.FromSeconds(45), notify.FlushTimeoutFor(cancelled: false));
        Assert.AreEqual(TimeSpan.FromSeconds(5), notify.FlushTimeoutFor(cancelled: true));
        Assert.AreEqual(new AlertSeverities("page", "warning", "warning", "none"), notify.Alertmanager!.Severities);
        Assert.AreEqual(TimeSpan.FromSeconds(20), NotifySettings.None.FlushTimeoutFor(cancelled: false));
        Assert.AreEqual(TimeSpan.FromSeconds(2), (NotifySettings.None with { FlushTimeout = TimeSpan.FromSeconds(2) }).FlushTimeoutFor(cancelled: true));
    }

    [TestMethod]
    [DataRow("notify:\n  slack: {urlEnv: X, events: [verdikt]}", "notify.slack.events: 'verdikt' is not an event", 4, DisplayName = "unknown event")]
    [DataRow("notify:\n  slack: {events: [verdict]}", "notify.slack.urlEnv: is required", 4, DisplayName = "missing env name")]
    [DataRow("notify:\n  teams: {urlEnv: https://example.org/hook}", "notify.teams.urlEnv: 'https://example.org/hook' is not an environment variable name", 4,
        DisplayName = "URL where the env name belongs")]
    [DataRow("notify:\n  alertmanager: {urls: [not a url]}", "notify.alertmanager.urls[0]: 'not a url' is not an absolute http or https URL", 4,
        DisplayName = "bad URL")]
    [DataRow("notify:\n  alertmanager: {urls: 'http://u:p@am:9093'}", "holds credentials", 4, DisplayName = "credentials in the URL")]
    [DataRow("notify:\n  alertmanager: {urls: 'http://am:9093', events: [started]}", "'started' raises no alert", 4, DisplayName = "alert event")]
    [DataRow("notify:\n  statuspage: {pageId: p, tokenEnv: K}", "notify.statuspage.componentId: is required", 4, DisplayName = "no component")]
    [DataRow("notify:\n  statuspage: {pageId: p, componentId: c, tokenEnv: K, componentStatus: down}", "'down' is not one of", 4, DisplayName = "bad status")]
    [DataRow("notify:\n  slak: {urlEnv: X}", "did you mean 'slack'", 4, DisplayName = "unknown target")]
    [DataRow("notify:\n  flushTimeout: 0s", "notify.flushTimeout: must be longer than zero", 4, DisplayName = "no flush")]
    [DataRow("notify:\n  flushTimeout: 1h", "notify.flushTimeout: 1h is out of range; it must be at most 10m", 4, DisplayName = "flush too long")]
    [DataRow("notify:\n  alertmanager: {urls: 'http://am:9093', severities: {fial: page}}", "did you mean 'fail'", 4, DisplayName = "unknown severity")]
    [DataRow("notify:\n  alertmanager: {urls: 'http://am:9093', severities: {fail: ''}}", "notify.alertmanager.severities.fail: expected a label value such as critical", 4,
        DisplayName = "empty severity")]
    [DataRow("notify:\n  alertmanager:\n    urls: 'http://am:9093'\n    labels: {severity: page}", "use notify.alertmanager.severities", 6,
        DisplayName = "severity as a label")]
    public void Load_Mistake_IsALocatedError(string notify, string expected, int line)
    {
        var errors = Errors(notify);

        var error = errors.FirstOrDefault(e => e.Message.Contains(expected, StringComparison.Ordinal));
        Assert.IsNotNull(error, string.Join("\n", errors));
        Assert.AreEqual(line, error.Location?.Line, error.ToString());
        Assert.DoesNotContain("u:p@", error.Message);
    }
}
