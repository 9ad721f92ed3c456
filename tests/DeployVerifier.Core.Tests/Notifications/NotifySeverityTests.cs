using DeployVerifier.Checklists;
using DeployVerifier.Support;

namespace DeployVerifier.Notifications;

[TestClass]
public sealed class NotifySeverityTests
{
    [TestMethod]
    [DataRow(CheckSeverity.Fail, "fail")]
    [DataRow(CheckSeverity.Warn, "warn")]
    public void Of_FollowsTheChecksSeverity(CheckSeverity severity, string expected)
    {
        Assert.AreEqual(expected, NotifySeverity.Of(Some.Threshold(max: 1) with { Severity = severity }));
    }
}
