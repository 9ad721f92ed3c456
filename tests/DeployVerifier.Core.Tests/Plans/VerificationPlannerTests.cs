using DeployVerifier.Checklists;

namespace DeployVerifier.Plans;

[TestClass]
public sealed class VerificationPlannerTests
{
    private const string Release = """
        release:
          releases: kube_replicaset_created{namespace="${namespace}"}
          label: replicaset
          instances: kube_pod_owner{namespace="${namespace}", owner_name="${release}"}
          instanceLabel: pod

        """;

    private static readonly Dictionary<string, string> Vars = new() { ["namespace"] = "shop" };
    private static readonly Dictionary<string, string> NoVars = [];

    private static PlanResult Plan(string yaml, PlanRequest? request = null) =>
        VerificationPlanner.Create(ChecklistLoader.Load(yaml, "checks.yml"), request ?? new PlanRequest(yaml.Contains("namespace", StringComparison.Ordinal) ? Vars : NoVars));

    private static string Messages(PlanResult result) => string.Join("\n", result.Errors.Select(e => e.ToString()));

    [TestMethod]
    public void Create_ReleaseSection_RendersItsQueriesWithTheVarsAndTheReleaseName()
    {
        var result = Plan(Release + """
            vars: {namespace: ~}
            checks:
              - name: errors
                query: sum(rate(errors{namespace="${namespace}", pod=~"${releaseInstances}"}[2m]))
                max: 1
            """);

        Assert.IsNotNull(result.Plan, Messages(result));
        var lookup = result.Plan.ReleaseLookup!;
        Assert.AreEqual("kube_replicaset_created{namespace=\"shop\"}", lookup.ReleasesQuery);
        Assert.AreEqual("kube_pod_owner{namespace=\"shop\", owner_name=\"checkout-7f\\\\.x\"}", lookup.InstancesQuery("checkout-7f\\.x"));
        var check = result.Plan.Render(new DateTimeOffset(2024, 8, 16, 13, 45, 0, TimeSpan.Zero), "checkout-7f").Single();
        Assert.IsTrue(check.Query.UsesReleaseInstances);
    }

    [TestMethod]
    public void Create_ReleaseBuiltInsWithoutAReleaseSection_AreLocatedErrors()
    {
        var result = Plan("""
            vars: {namespace: ~}
            checks:
              - name: errors
                query: errors{pod=~"${releaseInstances}", rs="${release}"}
                max: 1
            """);

        Assert.IsNull(result.Plan);
        StringAssert.Contains(Messages(result), "checks.yml:4:12: checks[0].query: '${releaseInstances}' needs a release section");
        StringAssert.Contains(Messages(result), "'${release}' needs a release section");
    }

    [TestMethod]
    public void Create_ReleaseInstancesOutsideARegexMatcher_IsALocatedError()
    {
        var result = Plan(Release + """
            vars: {namespace: ~}
            checks:
              - name: errors
                query: errors{pod="${releaseInstances}"}
                max: 1
            """);

        StringAssert.Contains(Messages(result), "may only stand in a =~ or !~ matcher");
    }

    [TestMethod]
    public void Create_ReleaseSectionIncomplete_NamesEveryMissingKey()
    {
        var result = Plan("""
            release:
              releases: kube_replicaset_created{namespace="${deployedAt}"}
              label: "not a label"
              instances: kube_pod_owner
            checks:
              - {name: up, query: up, min: 1}
            """);

        var messages = Messages(result);
        StringAssert.Contains(messages, "release.releases: '${deployedAt}' can't be used here");
        StringAssert.Contains(messages, "release.label: 'not a label' is not a label name");
        StringAssert.Contains(messages, "release.instanceLabel: is required in the release section");
        StringAssert.Contains(messages, "release.instances: must use ${release}");
    }

    [TestMethod]
    public void Create_MinSamplesBeyondTheSoak_CanNeverBeJudged()
    {
        var result = Plan("""
            soak: {duration: 5m, interval: 30s, warmUp: 30s}
            checks:
              - name: errors
                query: errors
                max: 1
                evidence: {minSamples: 20}
            """);

        Assert.IsNull(result.Plan);
        StringAssert.Contains(Messages(result), "checks.yml:3:5: check 'errors': evidence.minSamples is 20, but a 5m soak gives it at most 10 evaluations");
    }

    [TestMethod]
    public void Create_TrendNeedingMoreHistoryThanTheSoak_CanNeverBeJudged()
    {
        var result = Plan("""
            soak: {duration: 10m}
            checks:
              - name: memory
                type: trend
                query: memory
                minSeriesAge: 9m
                trend: {limit: 1GiB, floorWindow: 5m}
            """);

        StringAssert.Contains(Messages(result), "check 'memory': a trend needs minSeriesAge (9m) + 2m = 11m of history, more than the 10m soak gives");
    }

    [TestMethod]
    public void Create_SoakFlagShorterThanTheChecksNeed_IsReportedToo()
    {
        var yaml = """
            checks:
              - name: errors
                query: errors
                max: 1
                evidence: {minSamples: 10}
            """;

        Assert.IsNotNull(Plan(yaml).Plan);
        StringAssert.Contains(Messages(Plan(yaml, new PlanRequest(NoVars, Soak: TimeSpan.FromMinutes(3)))), "a 3m soak gives it at most");
    }

    [TestMethod]
    [DataRow("0001-01-01T00:00:00Z", "is before 2000")]
    [DataRow("2030-01-01T00:00:00Z", "more than 1d in the future")]
    public void Create_DeployedAtOutOfBounds_IsAnError(string deployedAt, string message)
    {
        var request = new PlanRequest(NoVars, DeployedAt: DateTimeOffset.Parse(deployedAt, System.Globalization.CultureInfo.InvariantCulture),
            Now: new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

        StringAssert.Contains(Messages(Plan("checks: [{name: up, query: up, min: 1}]", request)), message);
    }

    [TestMethod]
    public void Create_Overrides_GiveOneEffectiveChecklist()
    {
        var url = new Uri("http://prometheus:9090");

        var plan = Plan("checks: [{name: up, query: up, min: 1}]", new PlanRequest(NoVars, TimeSpan.FromMinutes(45), url)).Plan!;

        Assert.AreEqual(TimeSpan.FromMinutes(45), plan.Checklist.Soak.Duration);
        Assert.AreEqual(url, plan.Checklist.Prometheus.Url);
        Assert.AreEqual(plan.Soak, plan.Checklist.Soak);
    }

    [TestMethod]
    [DataRow("prometheus: {timeout: 2d}\n", "checks.yml:1:23: prometheus.timeout: 2d is out of range; it must be between 10ms and 1d")]
    [DataRow("soak: {duration: 8d, interval: 1m}\n", "soak.duration: 8d is out of range; it must be at most 7d")]
    [DataRow("soak: {duration: 10000y}\n", "soak.duration: 10000y is out of range; it must be at most 7d")]
    [DataRow("soak: {interval: 10ms}\n", "soak.interval: 10ms is out of range; it must be between 100ms and 366d")]
    [DataRow("soak: {duration: 7d, interval: 1s, warmUp: 1m}\n", "more than 100000 evaluations")]
    public void Create_ValuesBeyondTheLimits_AreLocatedErrors(string section, string message)
    {
        var result = Plan(section + "checks: [{name: up, query: up, min: 1}]");

        Assert.IsNull(result.Plan);
        StringAssert.Contains(Messages(result), message);
    }

    [TestMethod]
    public void Create_SoakFlagBeyondTheLongestSoak_IsAnError()
    {
        var result = Plan("checks: [{name: up, query: up, min: 1}]", new PlanRequest(NoVars, TimeSpan.FromDays(36500)));

        StringAssert.Contains(Messages(result), "--soak 36500d is longer than 7d, the longest soak");
    }

    [TestMethod]
    public void Create_APlaceholderInALabelReplaceArgument_IsRefused()
    {
        var result = Plan("""
            vars: {namespace: ~}
            checks:
              - name: up
                query: label_replace(up{namespace="${namespace}"}, "dst", "${namespace}", "src", "(.*)")
                min: 1
            """);

        var messages = Messages(result);
        StringAssert.Contains(messages, "checks[0].query: '${namespace}' stands in an argument of label_replace");
        Assert.AreEqual(1, result.Errors.Count, "the matcher inside the selector is fine: " + messages);
    }

    [TestMethod]
    [DataRow("evidence: {query: \"\", min: 1}", "checks[0].evidence.query: must not be empty")]
    [DataRow("type: trend\n    trend: {limitQuery: \" \"}", "checks[0].trend.limitQuery: must not be empty")]
    public void Create_EmptyCompanionQuery_IsALocatedError(string keys, string message)
    {
        var yaml = "checks:\n  - name: up\n    query: up\n    " + keys + (keys.StartsWith("type", StringComparison.Ordinal) ? "" : "\n    max: 1") + "\n";

        StringAssert.Contains(Messages(Plan(yaml)), message);
    }

    [TestMethod]
    public void Create_UnknownRollbackPlaceholder_IsALocatedErrorWithAHint()
    {
        var result = Plan("""
            checks: [{name: up, query: up, min: 1}]
            rollback:
              webhook:
                url: http://deploy.example/rollback
                body: {text: "release ${verdictt}", list: ["${reason}"]}
            """);

        StringAssert.Contains(Messages(result), "rollback.webhook.body.text: '${verdictt}' is not a rollback placeholder");
        StringAssert.Contains(Messages(result), "did you mean 'verdict'");
    }
}
