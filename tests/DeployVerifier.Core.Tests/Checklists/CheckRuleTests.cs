using DeployVerifier.Support;

namespace DeployVerifier.Checklists;

/// <summary>A check carries its kind: the rule's type holds that kind's settings, and a threshold rejects what can't be.</summary>
[TestClass]
public sealed class CheckRuleTests
{
    [TestMethod]
    [DataRow(double.NaN, 1.0)]
    [DataRow(0.0, double.PositiveInfinity)]
    [DataRow(2.0, 1.0)]
    public void ThresholdRule_BoundsThatCantBe_AreRefused(double min, double max)
    {
        Assert.ThrowsExactly<ArgumentException>(() => new ThresholdRule(new Threshold(min, max)));
    }

    [TestMethod]
    public void Kind_AndItsSettings_FollowTheRule()
    {
        var trend = Some.Trend();
        var redundancy = Some.Redundancy(maxUtilization: 0.8);
        var threshold = Some.Threshold(max: 0.05);

        Assert.AreEqual(CheckKind.Trend, trend.Kind);
        Assert.IsNotNull(trend.Trend);
        Assert.IsNull(trend.Redundancy);
        Assert.AreEqual(Threshold.None, trend.Threshold);
        Assert.AreEqual(CheckKind.Redundancy, redundancy.Kind);
        Assert.AreEqual(new Threshold(null, 0.8), redundancy.Threshold, "a redundancy check's bound is its utilization");
        Assert.AreEqual(CheckKind.Threshold, threshold.Kind);
        Assert.IsNull(threshold.Trend);
    }

    [TestMethod]
    public void Queries_TheOneList_WithTheLimitQuerysKeyByKind()
    {
        var trend = Some.Trend() with { Rule = new TrendRule(Some.TrendSettings(limit: null) with { LimitQuery = "limits" }), Evidence = new EvidenceSettings(1, "rps", 1) };

        CollectionAssert.AreEqual(
            new[] { ("query", "container_memory_working_set_bytes"), ("evidence.query", "rps"), ("trend.limitQuery", "limits") },
            trend.Queries().ToList());
        Assert.AreEqual(("redundancy.capacityQuery", "limits"), Some.Redundancy().LimitQuery);
        Assert.IsNull(Some.Threshold(max: 1).LimitQuery);
    }
}
