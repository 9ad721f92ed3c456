using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Soak;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Notifications;

/// <summary>The words of the chat messages and the status webhook.</summary>
[TestClass]
public sealed class NotifyTextTests
{
    private static readonly NotifyRelease Release = new("checkout", "shop", "checkout-7d9f", null, DryRun: false);

    [TestMethod]
    public void Verdict_Failed_NamesTheBlockingFailuresAsReasons_AndAWarnCheckApart()
    {
        var restarts = new CheckResult(Some.Threshold(max: 0, name: "restarts"), CheckOutcome.Failed, "3 restarts on pod checkout-1, above 0", null, null, 5, [], null);
        var latency = new CheckResult(Some.Threshold(max: 0.5, name: "latency") with { Severity = CheckSeverity.Warn }, CheckOutcome.Failed,
            "p99 0.8 s, above 0.5 s", null, null, 5, [], null);
        var outcome = new SoakOutcome(Verdict.Failed, "restarts failed", Some.Schedule(), Some.DeployedAt, [restarts, latency], false, [],
            new Dictionary<string, BaselineInfo>());

        var text = NotifyText.Verdict(new VerdictNotice(Some.DeployedAt, Release, outcome));

        Assert.AreEqual("❌ Release failed verification: checkout-7d9f (checkout, namespace shop). restarts: 3 restarts on pod checkout-1, above 0 "
            + "Failed without blocking (severity warn): latency: p99 0.8 s, above 0.5 s", text);
    }
}
