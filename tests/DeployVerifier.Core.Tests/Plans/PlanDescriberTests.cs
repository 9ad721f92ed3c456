using System.Text.Json;
using DeployVerifier.Checklists;
using DeployVerifier.Releases;

namespace DeployVerifier.Plans;

/// <summary><c>plan</c>'s description: bounds after units and variables, the schedule, and the labels companions pair on.</summary>
[TestClass]
public sealed class PlanDescriberTests
{
    private const string Yaml = """
        release:
          releases: kube_replicaset_created{namespace="${namespace}"}
          label: replicaset
          instances: kube_pod_owner{namespace="${namespace}", owner_name="${release}"}
          instanceLabel: pod
          waitFor: 3m
        soak:
          duration: 10m
          interval: 1m
          warmUp: 1m
        vars:
          namespace: ~
          max_err: 1%
        checks:
          - name: errors
            query: sum by (pod) (rate(errors_total{namespace="${namespace}", pod=~"${releaseInstances}"}[2m]))
            unit: ratio
            max: ${max_err}
            warmUp: 3m
            evidence:
              query: sum by (pod) (increase(requests_total{namespace="${namespace}"}[2m]))
              min: 50
            matchOn: [pod, namespace]
          - name: latency
            query: histogram_quantile(0.95, sum by (le) (rate(latency_bucket{namespace="${namespace}"}[2m])))
            min: 10ms
            max: 250ms
        """;

    private static VerificationPlan Plan(params (string Name, string Value)[] vars)
    {
        var values = vars.ToDictionary(v => v.Name, v => v.Value);
        var result = VerificationPlanner.Create(ChecklistLoader.Load(Yaml, "checks.yml", values), new PlanRequest(values));
        Assert.IsNotNull(result.Plan, string.Join("\n", result.Errors));
        return result.Plan;
    }

    [TestMethod]
    public void Describe_Bounds_AreInTheChecksUnitAfterTheVariables()
    {
        var description = PlanDescriber.Describe(Plan(("namespace", "shop"), ("max_err", "2.5%")), deployedAt: null);

        CollectionAssert.AreEqual(new[] { "max 2.5%" }, description.Checks[0].Bounds.ToArray());
        CollectionAssert.AreEqual(new[] { "min 10 ms", "max 250 ms" }, description.Checks[1].Bounds.ToArray());
        Assert.AreEqual("ratio", description.Checks[0].Unit);
    }

    [TestMethod]
    public void Describe_Queries_AreRenderedWithTheVarsAndKeepTheUnknownRelease()
    {
        var description = PlanDescriber.Describe(Plan(("namespace", "shop")), deployedAt: null);

        var errors = description.Checks[0];
        CollectionAssert.AreEqual(new[] { "query", "evidence.query" }, errors.Queries.Select(q => q.Key).ToArray());
        Assert.AreEqual("sum by (pod) (rate(errors_total{namespace=\"shop\", pod=~\"${releaseInstances}\"}[2m]))", errors.Queries[0].Query);
        Assert.AreEqual("kube_pod_owner{namespace=\"shop\", owner_name=\"${release}\"}", description.Release!.InstancesQuery);
        Assert.AreEqual("3m", description.Release.WaitFor);
        Assert.AreEqual("kube_replicaset_created{namespace=\"shop\"}", description.Release.Freshness);
        StringAssert.Contains(description.Release.Note, "resolved at run time");
    }

    [TestMethod]
    public void Describe_Schedule_CountsTheSoaksEvaluationsAndEachChecksOwn()
    {
        var description = PlanDescriber.Describe(Plan(("namespace", "shop")), deployedAt: null);

        // Every minute from 1m to 10m; the errors check starts at its own 3m warm-up.
        Assert.AreEqual(10, description.Schedule.Evaluations);
        Assert.AreEqual("1m", description.Schedule.Offsets[0]);
        Assert.AreEqual("10m", description.Schedule.Offsets[^1]);
        Assert.IsNull(description.Schedule.Anchor);
        Assert.IsEmpty(description.Schedule.Times);
        Assert.AreEqual(8, description.Checks[0].Evaluations);
        Assert.AreEqual(10, description.Checks[1].Evaluations);
    }

    [TestMethod]
    public void Describe_Pairing_IsTheChecksMatchOnElseTheReleaseRule()
    {
        var description = PlanDescriber.Describe(Plan(("namespace", "shop")), deployedAt: null);

        Assert.AreEqual("matchOn [pod, namespace]", description.Checks[0].PairsOn);
        CollectionAssert.AreEqual(new[] { "release.instances", "evidence.query" }, description.Checks[0].Companions.ToArray());
        Assert.AreEqual("pod, and cluster, namespace, container where both have them", description.Checks[1].PairsOn);
        CollectionAssert.AreEqual(new[] { "release.instances" }, description.Checks[1].Companions.ToArray());
    }

    [TestMethod]
    public void Describe_ReleaseFound_AnchorsTheScheduleAndRendersItsName()
    {
        var started = new DateTimeOffset(2024, 8, 16, 13, 45, 0, TimeSpan.Zero);
        var found = new ReleaseInfo("checkout-7f", started, ReleaseInfo.ByLatest, null);

        var description = PlanDescriber.Describe(Plan(("namespace", "shop")), deployedAt: null, found, "found now");

        Assert.AreEqual(started, description.Schedule.Anchor);
        Assert.AreEqual(started.AddMinutes(1), description.Schedule.Times[0]);
        Assert.AreEqual("kube_pod_owner{namespace=\"shop\", owner_name=\"checkout-7f\"}", description.Release!.InstancesQuery);
        Assert.AreEqual("checkout-7f", description.Release.Found!.Name);
    }

    [TestMethod]
    public void Text_And_Json_ShowTheSameChecks()
    {
        var description = PlanDescriber.Describe(Plan(("namespace", "shop")), deployedAt: null);

        var text = PlanText.Write(description);
        using var json = JsonDocument.Parse(PlanJson.Write(description));

        StringAssert.Contains(text, "Check errors (threshold, fail, unit ratio)");
        StringAssert.Contains(text, "  pairs release.instances, evidence.query on: matchOn [pod, namespace]");
        StringAssert.Contains(text, "judged at 8 evaluation(s) (warmUp 3m)");
        var checks = json.RootElement.GetProperty("checks");
        Assert.AreEqual(2, checks.GetArrayLength());
        Assert.AreEqual("max 1%", checks[0].GetProperty("bounds")[0].GetString());
        Assert.AreEqual(10, json.RootElement.GetProperty("schedule").GetProperty("evaluations").GetInt32());
    }
}
