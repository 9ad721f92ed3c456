using DeployVerifier.Checklists;
using DeployVerifier.Quantities;

namespace DeployVerifier.Tuning;

[TestClass]
public sealed class TuneSettingTests
{
    private static CheckDefinition Threshold(double? max = null, double? min = null, QuantityUnit unit = QuantityUnit.Ratio, BaselineSettings? baseline = null) =>
        new() { Name = "c", Query = "q", Rule = new ThresholdRule(new Threshold(min, max)), Unit = unit, Baseline = baseline };

    [TestMethod]
    public void AThresholdTunesItsBoundsAndATrendOnlyItsHorizon()
    {
        var trend = new CheckDefinition
        {
            Name = "leak", Query = "m", Rule = new TrendRule(new TrendSettings(1e9, null, TimeSpan.FromHours(24), TimeSpan.FromMinutes(40),
                TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(15))),
        };

        CollectionAssert.AreEqual(new[] { "max", "min" }, TuneSetting.Of(Threshold(max: 0.01, min: 0.001)).Select(s => s.Key).ToArray());
        CollectionAssert.AreEqual(new[] { "trend.horizon" }, TuneSetting.Of(trend).Select(s => s.Key).ToArray());
        Assert.IsEmpty(TuneSetting.Of(Threshold(max: 0.01) with { Severity = CheckSeverity.Warn }));
    }

    [TestMethod]
    public void StrictnessGrowsAsTheCheckFailsMore()
    {
        var max = TuneSetting.Of(Threshold(max: 0.01)).Single();
        var horizon = new TuneSetting("leak", SettingKind.Horizon, true, 3600);

        Assert.IsTrue(max.ValueAt(1) < max.ValueAt(0), "a stricter max is lower");
        Assert.IsTrue(horizon.ValueAt(1) > horizon.ValueAt(0), "a stricter horizon is longer");
        Assert.AreEqual(0.02, max.ValueAt(max.StrictnessOf(0.02)), 1e-12);
    }

    [TestMethod]
    public void AHorizonIsNeverTriedOrProposedLongerThanTheChecklistAccepts()
    {
        var horizon = new TuneSetting("leak", SettingKind.Horizon, true, TimeSpan.FromHours(24).TotalSeconds);
        var strictest = horizon.Grid([])[^1];

        Assert.AreEqual(ChecklistLimits.MaxDuration.TotalSeconds, horizon.ValueAt(strictest), "10,000 × 24 h would be refused by validate");
        var trend = new CheckDefinition
        {
            Name = "leak", Query = "m", Rule = new TrendRule(new TrendSettings(1e9, null, TimeSpan.FromHours(24), TimeSpan.FromMinutes(40),
                TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(15))),
        };
        Assert.AreEqual(ChecklistLimits.MaxDuration, ((TrendRule)horizon.Apply(trend, strictest).Rule).Settings.Horizon);
        Assert.AreEqual(TimeSpan.FromHours(48).TotalSeconds, horizon.ValueAt(Math.Log(2)), 1e-6, "below the limit, as before");
    }

    [TestMethod]
    public void ACountIsTunedOnALinearScaleOverTheValuesSeen()
    {
        var restarts = TuneSetting.Of(Threshold(max: 0, unit: QuantityUnit.Number)).Single();

        Assert.IsFalse(restarts.Log);
        CollectionAssert.AreEqual(new[] { -4d, -3, -1, 0, 1 }, restarts.Grid([3, 1, 1]).ToArray());
        Assert.AreEqual(3, restarts.ValueAt(-3));
    }

    [TestMethod]
    public void ABaselinesUpperBoundsMoveWithMaxAndItsFactorOnlyTightens()
    {
        var check = Threshold(max: 0.01, baseline: new BaselineSettings(TimeSpan.FromHours(1), 1.5, 0.005));
        var max = TuneSetting.Of(check).Single();

        var looser = max.Apply(check, max.StrictnessOf(0.04));
        var stricter = max.Apply(check, max.StrictnessOf(0.005));

        Assert.AreEqual(0.04, looser.Threshold.Max!.Value, 1e-12);
        Assert.AreEqual(0.02, looser.Baseline!.MaxIncrease!.Value, 1e-12);
        Assert.AreEqual(1.5, looser.Baseline.MaxFactor!.Value, 1e-12);
        Assert.AreEqual(0.0025, stricter.Baseline!.MaxIncrease!.Value, 1e-12);
        Assert.AreEqual(1.25, stricter.Baseline.MaxFactor!.Value, 1e-12);
    }

    [TestMethod]
    public void AMinNeverCrossesTheMax()
    {
        var check = Threshold(max: 0.5, min: 0.1, unit: QuantityUnit.Number);
        var min = TuneSetting.Of(check).Last();

        Assert.AreEqual(0.5, min.Apply(check, min.StrictnessOf(0.9)).Threshold.Min);
    }
}
