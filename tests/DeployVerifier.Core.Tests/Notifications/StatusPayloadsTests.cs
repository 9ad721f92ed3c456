using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Soak;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Notifications;

/// <summary>The status webhook's and Statuspage's bodies: what the public is told.</summary>
[TestClass]
public sealed class StatusPayloadsTests
{
    private static readonly NotifyRelease Release = new("checkout", "shop", "checkout-7d9f", null, DryRun: false);

    private static VerdictNotice Verdict(Verdict verdict) =>
        new(Some.DeployedAt, Release, new SoakOutcome(verdict, "no data for restarts", Some.Schedule(), null, [], false, [], new Dictionary<string, BaselineInfo>()));

    [TestMethod]
    [DataRow(Verdicts.Verdict.Passed, "operational")]
    [DataRow(Verdicts.Verdict.Failed, "degraded")]
    [DataRow(Verdicts.Verdict.Inconclusive, "inconclusive")]
    public void Webhook_Verdict_SaysTheStatusItReached(Verdict verdict, string status)
    {
        var payload = StatusWebhookPayload.For(Verdict(verdict))!;

        Assert.AreEqual(status, payload.Status);
        Assert.AreEqual(status, payload.Body["status"]!.GetValue<string>());
        Assert.AreEqual("verdict", payload.Body["event"]!.GetValue<string>());
        Assert.AreEqual("checkout", payload.Body["service"]!.GetValue<string>());
    }

    [TestMethod]
    public void Webhook_EvaluationWithNoNewWarning_IsNotSent()
    {
        Assert.IsNull(StatusWebhookPayload.For(new EvaluationNotice(Some.DeployedAt, Release, [], [], TimeSpan.FromSeconds(30))));
    }

    [TestMethod]
    [DataRow(true, "We are rolling it back.")]
    [DataRow(false, "We are investigating.")]
    public void Statuspage_Incident_NamesTheServiceOnly_AndARollbackOnlyWhenOneIsConfigured(bool rollback, string ending)
    {
        var incident = StatuspagePayload.OpenIncident(Release with { RollbackExpected = rollback }, "c1", "partial_outage")["incident"]!;

        Assert.AreEqual("investigating", incident["status"]!.GetValue<string>());
        Assert.AreEqual("Degraded service: checkout", incident["name"]!.GetValue<string>());
        var body = incident["body"]!.GetValue<string>();
        StringAssert.EndsWith(body, ending);
        Assert.DoesNotContain("checkout-7d9f", body, "never the release's pods or name");
    }
}
