using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Metrics;
using DeployVerifier.Quantities;
using DeployVerifier.Support;

namespace DeployVerifier.Evaluation;

[TestClass]
public sealed class CheckEvaluatorTests
{
    private static CheckMeasurement Values(params (string Pod, double Value)[] values) =>
        new(Some.DeployedAt.AddMinutes(5), values.Select(v => new SeriesMeasurement(Some.Pod(v.Pod), v.Value, Some.DeployedAt)).ToList());

    [TestMethod]
    [DataRow(0.02, EvaluationOutcome.Failed)]
    [DataRow(0.01, EvaluationOutcome.Passed)]
    [DataRow(0.001, EvaluationOutcome.Passed)]
    [DataRow(double.PositiveInfinity, EvaluationOutcome.Failed)]
    [DataRow(double.NaN, EvaluationOutcome.NotEnoughData)]
    public void Evaluate_AgainstMax_JudgesTheValue(double value, EvaluationOutcome expected)
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Threshold(max: 0.01), Values(("a", value)));

        Assert.AreEqual(expected, evaluation.Outcome, evaluation.Reason);
    }

    [TestMethod]
    [DataRow(double.NegativeInfinity, 0.01, null)]
    [DataRow(double.PositiveInfinity, 0.01, null)]
    [DataRow(double.PositiveInfinity, null, 0.5)]
    [DataRow(double.NegativeInfinity, null, 0.5)]
    public void Evaluate_Infinity_FailsWhateverTheBound(double value, double? max, double? min)
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Threshold(max: max, min: min), Values(("a", value)));

        Assert.AreEqual(EvaluationOutcome.Failed, evaluation.Outcome, evaluation.Reason);
        StringAssert.Contains(evaluation.Reason, "never within bounds");
    }

    [TestMethod]
    public void Evaluate_ValueAboveMax_SaysWhatAndWhichBound()
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Threshold(max: 0.01) with { PerSeries = true }, Values(("checkout-1", 0.06)));

        Assert.AreEqual("checkout-1: 6% is above the maximum 1%", evaluation.Reason);
    }

    [TestMethod]
    public void Evaluate_ValueBelowMin_Fails()
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Threshold(min: 0.5), Values(("a", 0.2)));

        Assert.AreEqual(EvaluationOutcome.Failed, evaluation.Outcome);
    }

    [TestMethod]
    public void Evaluate_PerSeries_TheWorstSeriesDecidesAndIsNamed()
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Threshold(max: 0) with { PerSeries = true }, Values(("a", 0), ("b", 2), ("c", 1)));

        Assert.AreEqual(EvaluationOutcome.Failed, evaluation.Outcome);
        Assert.AreEqual("b", evaluation.Series!.DisplayName);
        Assert.AreEqual(3, evaluation.SeriesValues!.Count);
    }

    [TestMethod]
    [DataRow(NoDataPolicy.Inconclusive, EvaluationOutcome.NoData)]
    [DataRow(NoDataPolicy.Fail, EvaluationOutcome.Failed)]
    [DataRow(NoDataPolicy.Pass, EvaluationOutcome.Passed)]
    public void Evaluate_EmptyResult_FollowsTheNoDataPolicy(NoDataPolicy policy, EvaluationOutcome expected)
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Threshold(max: 1) with { NoData = policy }, Values());

        Assert.AreEqual(expected, evaluation.Outcome);
    }

    [TestMethod]
    public void Evaluate_StoreError_IsAnErrorNeverAPass()
    {
        var evaluation = CheckEvaluator.Evaluate(Some.Threshold(max: 1) with { NoData = NoDataPolicy.Pass },
            new CheckMeasurement(Some.DeployedAt, [], Error: "connection refused"));

        Assert.AreEqual(EvaluationOutcome.Error, evaluation.Outcome);
        StringAssert.Contains(evaluation.Reason, "connection refused");
    }

    [TestMethod]
    public void Evaluate_EvidenceBelowItsMinimum_IsNotEnoughData()
    {
        var check = Some.Threshold(max: 0.01) with { Evidence = new EvidenceSettings(1, "requests", 100) };
        var measurement = new CheckMeasurement(Some.DeployedAt, [new SeriesMeasurement(Labels.Empty, 0.5, Some.DeployedAt, Evidence: 12)]);

        var evaluation = CheckEvaluator.Evaluate(check, measurement);

        Assert.AreEqual(EvaluationOutcome.NotEnoughData, evaluation.Outcome);
        StringAssert.Contains(evaluation.Reason, "12, needs 100");
    }

    [TestMethod]
    public void Evaluate_YoungSeries_IsNotJudgedUntilOldEnough()
    {
        var check = Some.Threshold(max: 0) with { MinSeriesAge = TimeSpan.FromMinutes(10) };

        var evaluation = CheckEvaluator.Evaluate(check, Values(("a", 5)));

        Assert.AreEqual(EvaluationOutcome.NotEnoughData, evaluation.Outcome);
    }

    [TestMethod]
    public void Evaluate_OnePodYoungAnotherPassing_Passes()
    {
        var check = Some.Threshold(max: 1) with { MinSeriesAge = TimeSpan.FromMinutes(2), PerSeries = true };
        var time = Some.DeployedAt.AddMinutes(5);
        var measurement = new CheckMeasurement(time,
        [
            new SeriesMeasurement(Some.Pod("old-enough"), 0.5, Some.DeployedAt),
            new SeriesMeasurement(Some.Pod("young"), 0.5, time.AddMinutes(-1)),
        ]);

        Assert.AreEqual(EvaluationOutcome.Passed, CheckEvaluator.Evaluate(check, measurement).Outcome);
    }

    [TestMethod]
    public void Evaluate_SeriesNotYetJudged_StillGiveTheirValuesForCharts()
    {
        var check = Some.Threshold(max: 1) with { MinSeriesAge = TimeSpan.FromMinutes(2), PerSeries = true };
        var time = Some.DeployedAt.AddMinutes(5);
        var measurement = new CheckMeasurement(time,
        [
            new SeriesMeasurement(Some.Pod("old-enough"), 0.5, Some.DeployedAt),
            new SeriesMeasurement(Some.Pod("young"), 0.7, time.AddMinutes(-1)),
            new SeriesMeasurement(Some.Pod("gap"), double.NaN, Some.DeployedAt),
        ]);

        var values = CheckEvaluator.Evaluate(check, measurement).SeriesValues!;

        CollectionAssert.AreEqual(new[] { "old-enough=0.5", "young=0.7" }, values.Select(v => $"{v.Key.DisplayName}={v.Value}").ToList());
    }

    [TestMethod]
    [DataRow(0.015, 0.018, EvaluationOutcome.Passed)]
    [DataRow(0.002, 0.06, EvaluationOutcome.Failed)]
    [DataRow(0.002, 0.009, EvaluationOutcome.Passed)]
    public void Evaluate_WithBaseline_AllowsWhatWasAlreadyThere(double baseline, double value, EvaluationOutcome expected)
    {
        var check = Some.Threshold(max: 0.01) with { Baseline = new BaselineSettings(TimeSpan.FromHours(1), 1.5, 0.005) };
        var measurement = new CheckMeasurement(Some.DeployedAt, [new SeriesMeasurement(Labels.Empty, value, Some.DeployedAt)], baseline);

        var evaluation = CheckEvaluator.Evaluate(check, measurement);

        Assert.AreEqual(expected, evaluation.Outcome, evaluation.Reason);
    }

    [TestMethod]
    public void EffectiveMax_NoBaselineData_FallsBackToTheAbsoluteThreshold()
    {
        var check = Some.Threshold(max: 0.01) with { Baseline = new BaselineSettings(TimeSpan.FromHours(1), 3, null) };

        Assert.AreEqual(0.01, CheckEvaluator.EffectiveMax(check, null));
        Assert.AreEqual(0.03, CheckEvaluator.EffectiveMax(check, 0.01)!.Value, 1e-12);
    }

    [TestMethod]
    public void Evaluate_LeakingPod_FailsWithAForecastInWords()
    {
        var check = Some.Trend();
        var history = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(15), leakMiBPerMinute: 30);
        var now = history[^1].Time;
        var measurement = new CheckMeasurement(now,
        [
            new SeriesMeasurement(Some.Pod("checkout-abc-x8k2p"), history[^1].Value, Some.DeployedAt, Limit: 1024 * Some.MiB, History: history),
            new SeriesMeasurement(Some.Pod("checkout-abc-healthy"), 420 * Some.MiB, Some.DeployedAt, Limit: 1024 * Some.MiB,
                History: Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(15))),
        ]);

        var evaluation = CheckEvaluator.Evaluate(check, measurement);

        Assert.AreEqual(EvaluationOutcome.Failed, evaluation.Outcome);
        Assert.AreEqual("checkout-abc-x8k2p", evaluation.Series!.DisplayName);
        var reaches = ClockText.AboutMinute(now + evaluation.Forecast!.TimeToLimit!.Value, now);
        StringAssert.Matches(evaluation.Reason, new System.Text.RegularExpressions.Regex(
            @"^checkout-abc-x8k2p: grows \d+(\.\d)? MiB/min \(now \d+ MiB\); the first pod reaches its 1 GiB limit at about " + reaches
            + "; the others then carry its traffic and hold beyond the 1d horizon$"));
        StringAssert.Matches(evaluation.Details, new System.Text.RegularExpressions.Regex(
            @"^checkout-abc-x8k2p: limit in ~\d+ min( \(\d+ min to \d+ min\))?; steady growth, not a warm-up levelling off$"));
    }

    [TestMethod]
    public void Evaluate_PodAlreadyAboveItsLimit_SaysSoRatherThanAZeroForecast()
    {
        var check = Some.Trend(limit: 512 * Some.MiB);
        var history = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(15), leakMiBPerMinute: 30);
        var measurement = new CheckMeasurement(history[^1].Time,
            [new SeriesMeasurement(Some.Pod("checkout-abc-x8k2p"), history[^1].Value, Some.DeployedAt, Limit: 512 * Some.MiB, History: history)]);

        var evaluation = CheckEvaluator.Evaluate(check, measurement);

        Assert.AreEqual(EvaluationOutcome.Failed, evaluation.Outcome, evaluation.Reason);
        StringAssert.Matches(evaluation.Reason, new System.Text.RegularExpressions.Regex(
            @"^checkout-abc-x8k2p: grows \d+(\.\d)? MiB/min \(now \d+ MiB\); the only pod has already reached its 512 MiB limit$"));
        StringAssert.Contains(evaluation.Judgements.Single().Reason, "already above its 512 MiB limit", "the pod's own words say so too");
        Assert.IsFalse(evaluation.Reason.Contains(" 0 s", StringComparison.Ordinal) || (evaluation.Details ?? "").Contains("0 s to 0 s", StringComparison.Ordinal),
            $"{evaluation.Reason} / {evaluation.Details}");
    }

    [TestMethod]
    public void Evaluate_ManyPods_JudgedInParallel_TheSameAsOneAtATime()
    {
        // Pods are judged in parallel from CheckEvaluator.ParallelFrom on: the outcome must be what each pod alone gives.
        var check = Some.Trend();
        var pods = Enumerable.Range(0, CheckEvaluator.ParallelFrom + 4)
            .Select(i => (Name: $"checkout-abc-{i:00}", History: Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(15), leakMiBPerMinute: i == 7 ? 30 : 0, seed: i)))
            .ToList();
        var now = pods[0].History[^1].Time;
        SeriesMeasurement Series((string Name, List<Sample> History) p) =>
            new(Some.Pod(p.Name), p.History[^1].Value, Some.DeployedAt, Limit: 1024 * Some.MiB, History: p.History);

        var all = CheckEvaluator.Evaluate(check, new CheckMeasurement(now, [.. pods.Select(Series)]));

        Assert.AreEqual(EvaluationOutcome.Failed, all.Outcome, all.Reason);
        Assert.AreEqual("checkout-abc-07", all.Series!.DisplayName, "the leaking pod decides and is named");
        CollectionAssert.AreEqual(pods.Select(p => p.Name).ToList(), all.Judgements!.Select(j => j.Labels.DisplayName).ToList(), "in the series' order");
        for (var i = 0; i < pods.Count; i++)
        {
            var alone = CheckEvaluator.Evaluate(check, new CheckMeasurement(now, [Series(pods[i])]));
            Assert.AreEqual(alone.Judgements!.Single().Reason, all.Judgements[i].Reason, pods[i].Name);
        }
    }

    [TestMethod]
    public void Evaluate_EveryPodLeaking_ForecastsTheFleetAndSaysWhenTheServiceWouldBeDown()
    {
        var check = Some.Trend();
        var pods = new[] { ("checkout-abc-1", 30.0, 1), ("checkout-abc-2", 22.0, 2), ("checkout-abc-3", 15.0, 3) }
            .Select(p => (Name: p.Item1, History: Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(15), leakMiBPerMinute: p.Item2, seed: p.Item3)))
            .ToList();
        var now = pods[0].History[^1].Time;
        var measurement = new CheckMeasurement(now, pods
            .Select(p => new SeriesMeasurement(Some.Pod(p.Name), p.History[^1].Value, Some.DeployedAt, Limit: 1024 * Some.MiB, History: p.History))
            .ToList());

        var evaluation = CheckEvaluator.Evaluate(check, measurement);

        Assert.AreEqual(EvaluationOutcome.Failed, evaluation.Outcome, evaluation.Reason);
        var fleet = evaluation.Forecast!.Fleet;
        Assert.IsNotNull(fleet);
        Assert.AreEqual(3, fleet.Instances);
        Assert.IsTrue(fleet.GrowsWithLoad, "memory grows with load by default");
        Assert.AreEqual(now + evaluation.Forecast.TimeToLimit!.Value, fleet.FirstInstanceAt);
        var naive = fleet.Each.Max(e => e.AloneAt)!.Value;
        Assert.IsTrue(fleet.LastInstanceAt < naive, $"the survivors take the traffic, so the last is down before {naive:HH:mm:ss}, not {fleet.LastInstanceAt:HH:mm:ss}");
        StringAssert.StartsWith(evaluation.Reason, $"grows {Quantity.FormatRatePerMinute(evaluation.Forecast.SlopePerSecond, QuantityUnit.Bytes)} in all 3 pods; "
            + $"the first pod reaches its 1 GiB limit at about {fleet.FirstInstanceAt.AddSeconds(30).UtcDateTime:HH:mm}, "
            + $"the service would be down by about {fleet.LastInstanceAt!.Value.AddSeconds(30).UtcDateTime:HH:mm}");
    }

    [TestMethod]
    public void Evaluate_SlowLeakInEveryPod_PooledPerContainer_SidecarsDoNotHideIt()
    {
        // Three pods leaking slowly, each undecided alone, called together; then the same pods with a flat istio-proxy
        // sidecar each: the sidecars are another container, pooled apart, and must not delay the call.
        var check = Some.Trend();
        var length = TimeSpan.FromMinutes(40);
        var apps = Enumerable.Range(1, 3).Select(i => Some.Memory(Some.DeployedAt, length, leakMiBPerMinute: 3, seed: i)).ToList();
        var proxies = Enumerable.Range(1, 3).Select(i => Some.Memory(Some.DeployedAt, length, baseMiB: 60, sawMiB: 2, noiseMiB: 1, seed: 10 + i)).ToList();
        static Labels Container(int pod, string container) => new([new("namespace", "shop"), new("pod", $"checkout-abc-{pod}"), new("container", container)]);
        SeriesMeasurement Series(Labels labels, List<Sample> history, DateTimeOffset now, double limitMiB)
        {
            var seen = history.Where(s => s.Time <= now).ToList();
            return new SeriesMeasurement(labels, seen[^1].Value, Some.DeployedAt, Limit: limitMiB * Some.MiB, History: seen);
        }

        DateTimeOffset? pooledAt = null;
        for (var now = Some.DeployedAt.AddMinutes(5); now <= Some.DeployedAt + length && pooledAt is null; now = now.AddSeconds(30))
        {
            var alone = CheckEvaluator.Evaluate(check, new CheckMeasurement(now, [.. apps.Select((h, i) => Series(Container(i, "checkout"), h, now, 1024))]));
            if (alone.Outcome == EvaluationOutcome.Failed && alone.Details?.Contains("pods together", StringComparison.Ordinal) == true)
            {
                pooledAt = now;
                var withSidecars = CheckEvaluator.Evaluate(check, new CheckMeasurement(now,
                [
                    .. apps.Select((h, i) => Series(Container(i, "checkout"), h, now, 1024)),
                    .. proxies.Select((h, i) => Series(Container(i, "istio-proxy"), h, now, 256)),
                ]));

                Assert.AreEqual(EvaluationOutcome.Failed, withSidecars.Outcome, withSidecars.Reason);
                StringAssert.Contains(withSidecars.Details, "steady growth in all 3 pods together");
                Assert.IsFalse(withSidecars.Reason.Contains("statistic", StringComparison.Ordinal), withSidecars.Reason);
            }
        }

        Assert.IsNotNull(pooledAt, "the slow leak is called by the pooled rule within 40 minutes");
    }

    [TestMethod]
    public void Evaluate_GrowthSetNotToFollowLoad_TheFleetForecastIsTheLatestPodAlone()
    {
        var check = Some.Trend() with { Rule = new TrendRule(Some.TrendSettings() with { Fleet = new FleetForecastSettings(false, null) }) };
        var histories = new[] { 30.0, 15.0 }.Select((rate, i) => Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(15), leakMiBPerMinute: rate, seed: i + 1)).ToList();
        var measurement = new CheckMeasurement(histories[0][^1].Time, histories
            .Select((h, i) => new SeriesMeasurement(Some.Pod($"p{i}"), h[^1].Value, Some.DeployedAt, Limit: 1024 * Some.MiB, History: h))
            .ToList());

        var fleet = CheckEvaluator.Evaluate(check, measurement).Forecast!.Fleet!;

        Assert.IsFalse(fleet.GrowsWithLoad);
        Assert.AreEqual(fleet.Each.Max(e => e.AloneAt), fleet.LastInstanceAt);
    }

    [TestMethod]
    public void Evaluate_TrendWithoutLimit_IsNotEnoughData()
    {
        var check = Some.Trend() with { Rule = new TrendRule(Some.TrendSettings(limit: null)) };
        var history = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(15));
        var measurement = new CheckMeasurement(history[^1].Time, [new SeriesMeasurement(Some.Pod("a"), 1, Some.DeployedAt, History: history)]);

        Assert.AreEqual(EvaluationOutcome.NotEnoughData, CheckEvaluator.Evaluate(check, measurement).Outcome);
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(5.0)]
    public void Evaluate_PartialAnswer_IsNotEnoughDataNeitherPassNorFail(double value)
    {
        var measurement = new CheckMeasurement(Some.DeployedAt, [new(Some.Pod("a"), value, Some.DeployedAt)],
            Partial: "partial response: store unavailable");

        var evaluation = CheckEvaluator.Evaluate(Some.Threshold(max: 1), measurement);

        Assert.AreEqual(EvaluationOutcome.NotEnoughData, evaluation.Outcome);
        Assert.IsTrue(evaluation.Partial);
        StringAssert.Contains(evaluation.Reason, "partial answer");
    }

    [TestMethod]
    public void Evaluate_EverySeriesTooYoung_IsWarmingUpNotAGap()
    {
        var check = Some.Threshold(max: 1) with { MinSeriesAge = TimeSpan.FromMinutes(5), PerSeries = true };

        var young = CheckEvaluator.Evaluate(check, new CheckMeasurement(Some.DeployedAt.AddMinutes(2), [new(Some.Pod("a"), 0.5, Some.DeployedAt)]));
        var nan = CheckEvaluator.Evaluate(check, new CheckMeasurement(Some.DeployedAt.AddMinutes(6), [new(Some.Pod("a"), double.NaN, Some.DeployedAt)]));

        Assert.IsTrue(young.WarmingUp);
        Assert.IsFalse(nan.WarmingUp);
        Assert.IsFalse(nan.Judgements.Single().Judged);
    }
}
