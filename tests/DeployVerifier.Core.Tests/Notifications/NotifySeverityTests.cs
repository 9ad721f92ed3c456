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
}
