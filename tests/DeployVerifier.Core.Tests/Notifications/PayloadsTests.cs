using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Notifications;

/// <summary>Every payload for every event: Slack's Block Kit, Teams' Adaptive Card envelope and the status webhook's body.</summary>
[TestClass]
public sealed class PayloadsTests
{
    private static readonly NotifyRelease Release = new("checkout", "shop", "checkout-7d9f", new Uri("https://ci.example.org/runs/42"), DryRun: false);

    private static NotifyNotice Notice(string name)
    {
        var restarts = new CheckResult(Some.Threshold(max: 0, name: "restarts"), CheckOutcome.Failed, "3 restarts", null, null, 5, [], null);
        SoakOutcome Outcome(Verdict verdict) => new(verdict, $"the release {verdict}", Some.Schedule(), Some.DeployedAt, verdict == Verdict.Failed ? [restarts] : [],
            false, [], new Dictionary<string, BaselineInfo>());
        var warning = new CheckWarning("restarts", "2 restarts (2 failing in a row of 4 tolerated)", 2, null, Some.DeployedAt);
        return name switch
        {
            "started" => new SoakStartedNotice(Some.DeployedAt, Release, Some.Schedule()),
            "earlyWarning" => new EvaluationNotice(Some.DeployedAt, Release, [warning], [warning], TimeSpan.FromSeconds(30)),
            "passed" => new VerdictNotice(Some.DeployedAt, Release, Outcome(Verdict.Passed)),
            "failed" => new VerdictNotice(Some.DeployedAt, Release, Outcome(Verdict.Failed)),
            "inconclusive" => new VerdictNotice(Some.DeployedAt, Release, Outcome(Verdict.Inconclusive)),
            "rolledBack" => new RollbackNotice(Some.DeployedAt, Release, new RollbackOutcome(true, true, "command touch answered 0", [])),
            _ => new RollbackNotice(Some.DeployedAt, Release, new RollbackOutcome(true, false, "command exited 1", [])),
        };
    }

    private static string? Text(NotifyNotice notice) => notice switch
    {
        SoakStartedNotice s => NotifyText.Started(s),
        EvaluationNotice e => NotifyText.EarlyWarning(e),
        VerdictNotice v => NotifyText.Verdict(v),
        RollbackNotice r => NotifyText.Rollback(r),
        _ => null,
    };

    [TestMethod]
    [DataRow("started", "🔎 Verifying checkout-7d9f", "verifying")]
    [DataRow("earlyWarning", "⚠️ Early warning for checkout-7d9f", "at-risk")]
    [DataRow("passed", "✅ Release verified: checkout-7d9f", "operational")]
    [DataRow("failed", "❌ Release failed verification: checkout-7d9f", "degraded")]
    [DataRow("inconclusive", "❔ Release verification inconclusive: checkout-7d9f", "inconclusive")]
    [DataRow("rolledBack", "↩️ Rolled back checkout-7d9f", "operational")]
    [DataRow("rollbackFailed", "🚨 Rollback of checkout-7d9f", "degraded")]
    public void EveryEvent_SlackTeamsAndWebhook_InTheirDocumentedShapes(string name, string opening, string status)
    {
        var notice = Notice(name);
        var text = Text(notice)!;
        StringAssert.StartsWith(text, opening);

        var slack = SlackPayload.Build(text, NotifyLink.For(Release, []));
        Assert.AreEqual(text, slack["text"]!.GetValue<string>());
        Assert.AreEqual("section", slack["blocks"]![0]!["type"]!.GetValue<string>());
        Assert.AreEqual("https://ci.example.org/runs/42", slack["blocks"]![1]!["elements"]![0]!["url"]!.GetValue<string>());

        var teams = TeamsPayload.Build("title", text, NotifyLink.For(Release, []));
        Assert.AreEqual("message", teams["type"]!.GetValue<string>());
        var card = teams["attachments"]![0]!["content"]!;
        Assert.AreEqual("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.AreEqual(text, card["body"]![1]!["text"]!.GetValue<string>());

        var webhook = StatusWebhookPayload.For(notice)!;
        Assert.AreEqual(status, webhook.Body["status"]!.GetValue<string>());
        Assert.AreEqual(text, webhook.Body["message"]!.GetValue<string>());
        foreach (var key in new[] { "event", "verdict", "service", "namespace", "release", "failedChecks", "runUrl", "dryRun", "at" })
        {
            Assert.IsTrue(webhook.Body.ContainsKey(key), key);
        }
    }

    [TestMethod]
    public void Slack_MessageOverItsLimit_IsCutWithAnEllipsis()
    {
        var slack = SlackPayload.Build(new string('x', 5000), []);

        Assert.AreEqual(3000, slack["text"]!.GetValue<string>().Length);
        Assert.IsFalse(slack["blocks"]!.AsArray().Count > 1, "no links, no actions block");
    }

    [TestMethod]
    public void Statuspage_ComponentAndResolution_AsTheApiTakesThem()
    {
        Assert.AreEqual("""{"component":{"status":"partial_outage"}}""", StatuspagePayload.Component("partial_outage").ToJsonString());
        var resolved = StatuspagePayload.ResolveIncident("c1")["incident"]!;
        Assert.AreEqual("resolved", resolved["status"]!.GetValue<string>());
        Assert.AreEqual("operational", resolved["components"]!["c1"]!.GetValue<string>());
        Assert.AreEqual("The release was rolled back.", resolved["body"]!.GetValue<string>());
    }
}
