using System.Text.Json.Nodes;
using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Notifications;

/// <summary>What is posted to one Alertmanager address, notice by notice, with the send time given.</summary>
[TestClass]
public sealed class AlertmanagerAlertsTests
{
    private static readonly CheckDefinition Restarts = Some.Threshold(max: 0, tolerance: 4, name: "restarts");
    private static readonly NotifyRelease Release = new("checkout", "shop", "checkout-7d9f", null, DryRun: false) { RollbackExpected = true };
    private static readonly DateTimeOffset T0 = Some.DeployedAt.AddMinutes(5);

    private static AlertmanagerAlerts Alerts(AlertSeverities? severities = null) =>
        new(new AlertmanagerTarget([new Uri("http://am:9093")], ChecklistDefaults.AlertEvents, new Dictionary<string, string>(),
            new Dictionary<string, string>(), null, null, new Dictionary<string, string>(), TimeSpan.FromHours(1), TimeSpan.FromSeconds(10))
        {
            MinFiring = TimeSpan.FromMinutes(5),
            Severities = severities ?? AlertSeverities.Default,
        }, new Dictionary<string, CheckDefinition> { ["restarts"] = Restarts });

    private static EvaluationNotice Warning(DateTimeOffset at, NotifyRelease? release = null, bool entered = true)
    {
        var warning = new CheckWarning("restarts", "2 restarts (2 failing in a row of 4 tolerated)", 2, null, at);
        return new EvaluationNotice(at, release ?? Release, [warning], entered ? [warning] : [], TimeSpan.FromSeconds(30));
    }

    private static VerdictNotice Failed(DateTimeOffset at, NotifyRelease? release = null) =>
        new(at, release ?? Release, new SoakOutcome(Verdict.Failed, "restarts failed", Some.Schedule(), at,
            [new CheckResult(Restarts, CheckOutcome.Failed, "5 restarts on pod checkout-1, above 0", null, null, 5, [], null)], false, [],
            new Dictionary<string, BaselineInfo>()));

    private static RollbackNotice RolledBack(DateTimeOffset at, bool succeeded) =>
        new(at, Release, new RollbackOutcome(true, succeeded, succeeded ? "done" : "kubectl failed", []));

    private static (string Stage, string Severity, DateTimeOffset EndsAt) Read(JsonNode alert) =>
        (alert["labels"]!["stage"]!.GetValue<string>(), alert["labels"]!["severity"]!.GetValue<string>(),
            DateTimeOffset.Parse(alert["endsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

    [TestMethod]
    public void Post_WarningThenFailure_TheSamePostResolvesTheWarningAndFiresTheFailure()
    {
        var alerts = Alerts();
        var warning = alerts.Post(Warning(T0), T0)!;
        Assert.AreEqual("earlyWarning", warning.Event);
        Assert.AreEqual(("warning", "warning", T0.AddSeconds(90)), Read(warning.Alerts.Single()!), "3 intervals ahead");

        var verdictAt = T0.AddMinutes(1);
        var verdict = alerts.Post(Failed(verdictAt), verdictAt)!;

        var posted = verdict.Alerts.Select(a => Read(a!)).ToList();
        CollectionAssert.AreEquivalent(new[]
        {
            ("warning", "warning", T0.AddMinutes(5)), // resolved, but never before minFiring after its first post
            ("failed", "critical", verdictAt.AddMinutes(5)), // a rollback follows: it ends after minFiring unless extended
        }, posted);
    }

    [TestMethod]
    public void Post_RepostWithoutANewWarning_IsARepostAndKeepsTheFirstStart()
    {
        var alerts = Alerts();
        alerts.Post(Warning(T0), T0);

        var repost = alerts.Post(Warning(T0.AddSeconds(30), entered: false), T0.AddSeconds(31))!;

        Assert.AreEqual("repost", repost.Event);
        Assert.AreEqual(T0.UtcDateTime.ToString("O"), repost.Alerts.Single()!["startsAt"]!.GetValue<string>());
        Assert.AreEqual(T0.AddSeconds(31 + 90), Read(repost.Alerts.Single()!).EndsAt, "endsAt from the time it is sent");
    }

    [TestMethod]
    public void Post_RollbackSucceedsAtOnce_TheFailureStillFiresForMinFiring()
    {
        var alerts = Alerts();
        alerts.Post(Failed(T0), T0);

        var resolved = alerts.Post(RolledBack(T0.AddMilliseconds(243), succeeded: true), T0.AddMilliseconds(243))!;

        Assert.AreEqual("resolved", resolved.Event);
        Assert.AreEqual(T0.AddMinutes(5), Read(resolved.Alerts.Single()!).EndsAt);
        Assert.IsNull(alerts.Post(RolledBack(T0.AddMinutes(1), succeeded: true), T0.AddMinutes(1)), "nothing is left to resolve");
    }

    [TestMethod]
    public void Post_RollbackFails_TheFailureIsExtendedToKeepFailedFor()
    {
        var alerts = Alerts();
        alerts.Post(Failed(T0), T0);

        var kept = alerts.Post(RolledBack(T0.AddSeconds(20), succeeded: false), T0.AddSeconds(20))!;

        Assert.AreEqual("repost", kept.Event);
        Assert.AreEqual(T0.AddSeconds(20).AddHours(1), Read(kept.Alerts.Single()!).EndsAt);
    }

    [TestMethod]
    public void Post_DryRun_InfoWithDryRunLabel_AndEndsAfterMinFiring()
    {
        var alerts = Alerts(AlertSeverities.Default with { DryRun = "none" });
        var dry = Release with { DryRun = true, RollbackExpected = false };

        var post = alerts.Post(Failed(T0, dry), T0)!.Alerts.Single()!;

        Assert.AreEqual(("failed", "none", T0.AddMinutes(5)), Read(post));
        Assert.AreEqual("true", post["labels"]!["dry_run"]!.GetValue<string>());
        StringAssert.StartsWith(post["annotations"]!["summary"]!.GetValue<string>(), "[dry run] ");
    }

    [TestMethod]
    public void Post_Passed_NothingFiring_PostsNothing()
    {
        var passed = new VerdictNotice(T0, Release, new SoakOutcome(Verdict.Passed, "every check passed", Some.Schedule(), T0, [], false, [],
            new Dictionary<string, BaselineInfo>()));

        Assert.IsNull(Alerts().Post(passed, T0));
    }
}
