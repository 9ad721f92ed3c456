using DeployVerifier.Checklists;
using DeployVerifier.Support;

namespace DeployVerifier.Notifications;

[TestClass]
public sealed class NotifySeverityTests
{
    [TestMethod]
    [DataRow(CheckSeverity.Fail, "failed", false, "critical")]
    [DataRow(CheckSeverity.Warn, "failed", false, "warning")]
    [DataRow(CheckSeverity.Fail, "warning", false, "warning")]
    [DataRow(CheckSeverity.Fail, "failed", true, "info")]
    public void Of_RoutesAsAlertmanagerExpects(CheckSeverity severity, string stage, bool dryRun, string expected)
    {
        Assert.AreEqual(expected, NotifySeverity.Of(Some.Threshold(max: 1) with { Severity = severity }, stage, dryRun));
    }

    [TestMethod]
    [DataRow(CheckSeverity.Fail, "failed", false, "P1")]
    [DataRow(CheckSeverity.Warn, "failed", false, "P3")]
    [DataRow(CheckSeverity.Fail, "warning", false, "P2")]
    [DataRow(CheckSeverity.Warn, "failed", true, "none")]
    public void Of_TheTeamsNames_AreUsed(CheckSeverity severity, string stage, bool dryRun, string expected)
    {
        var names = new AlertSeverities(Fail: "P1", Warn: "P3", EarlyWarning: "P2", DryRun: "none");

        Assert.AreEqual(expected, NotifySeverity.Of(Some.Threshold(max: 1) with { Severity = severity }, stage, dryRun, names));
    }

    [TestMethod]
    public void Outcome_OneWordPerWayANotificationEnds()
    {
        var at = DateTimeOffset.UnixEpoch;
        var sent = new NotificationSent("slack", "verdict", true, "d", at, at, 1);

        Assert.AreEqual("sent", sent.Outcome);
        Assert.AreEqual("failed", (sent with { Succeeded = false }).Outcome);
        Assert.AreEqual("failed", (sent with { Event = "error", Succeeded = false }).Outcome);
        Assert.AreEqual("notSent", (sent with { Event = "notSent", Succeeded = false }).Outcome);
        Assert.AreEqual("superseded", (sent with { Event = "superseded", Succeeded = false }).Outcome);
        Assert.AreEqual("printed", (sent with { Sent = false, Succeeded = false }).Outcome);
    }
}
