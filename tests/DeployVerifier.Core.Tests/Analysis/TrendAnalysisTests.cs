using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

[TestClass]
public sealed class TrendAnalysisTests
{
    private static readonly double Limit = 1024 * Some.MiB;

    private static TrendAssessment? Assess(List<Sample> samples, DateTimeOffset now) =>
        TrendAnalysis.Assess(samples.Where(s => s.Time <= now).ToList(), Some.DeployedAt, now, Limit, Some.TrendSettings());

    /// <summary>The verdict of every look a soak would take (every 30 s from minute 5), in order.</summary>
    private static List<TrendVerdict?> Looks(List<Sample> samples, double untilMinutes = 30)
    {
        var looks = new List<TrendVerdict?>();
        for (var now = Some.DeployedAt.AddMinutes(5); now <= Some.DeployedAt.AddMinutes(untilMinutes); now = now.AddSeconds(30))
        {
            looks.Add(Assess(samples, now)?.Verdict);
        }

        return looks;
    }

    /// <summary>Two looks in a row, as the checklist's tolerance of 1 asks before failing.</summary>
    private static bool FailsTwiceInARow(List<TrendVerdict?> looks) =>
        looks.Zip(looks.Skip(1)).Any(pair => pair is (TrendVerdict.Leak, TrendVerdict.Leak));

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void Assess_WarmUpOf250MiBOver30Minutes_Passes(int seed)
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(30), seed, plateauMiB: 250, plateauTauSeconds: 600);

        var looks = Looks(samples);

        Assert.IsFalse(FailsTwiceInARow(looks), string.Join(",", looks));
        Assert.AreEqual(TrendVerdict.WarmUp, looks[^1]);
    }

    [TestMethod]
    [DataRow(1, 250, 600, 10)]
    [DataRow(2, 250, 600, 10)]
    [DataRow(3, 150, 300, 15)]
    [DataRow(4, 300, 600, 20)]
    public void Assess_CacheStartingLate_IsNeverALeak(int seed, double mib, double tauSeconds, double onsetMinutes)
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), seed, plateauMiB: mib, plateauTauSeconds: tauSeconds,
            plateauOnsetMinutes: onsetMinutes);

        var looks = Looks(samples, 40);

        Assert.IsFalse(FailsTwiceInARow(looks), string.Join(",", looks));
        Assert.AreNotEqual(TrendVerdict.Leak, looks[^1]);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void Assess_LateCacheUnderABigSawtooth_IsNeverALeak(int seed)
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), seed, plateauMiB: 250, plateauTauSeconds: 600,
            plateauOnsetMinutes: 10, sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 20);

        Assert.IsFalse(FailsTwiceInARow(Looks(samples, 40)));
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void Assess_LeakOf2MiBPerMinute_IsNeverPassedAndFailsWithinFortyMinutes(int seed)
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), seed, leakMiBPerMinute: 2);

        var looks = Looks(samples, 40);

        Assert.IsTrue(FailsTwiceInARow(looks), string.Join(",", looks));
        // At the end of a 30-minute soak it is failed or still watched with a forecast, never passed.
        Assert.IsTrue(looks[50] is TrendVerdict.Leak or TrendVerdict.Undecided, looks[50].ToString());
        var assessment = Assess(samples, samples[^1].Time)!;
        Assert.AreEqual(2, assessment.SlopePerSecond * 60 / Some.MiB, 0.5);
        Assert.IsTrue(assessment.TimeToLimit > TimeSpan.FromHours(3) && assessment.TimeToLimit < TimeSpan.FromHours(6), assessment.TimeToLimit.ToString());
    }

    [TestMethod]
    public void Assess_FastLeak_ForecastsMinutesNotHours()
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(23), seed: 1, leakMiBPerMinute: 35, leakOnsetMinutes: 15);

        var assessment = Assess(samples, samples[^1].Time)!;

        Assert.AreEqual(TrendVerdict.Leak, assessment.Verdict, assessment.ToString());
        Assert.IsTrue(assessment.TimeToLimit < TimeSpan.FromMinutes(20), assessment.TimeToLimit.ToString());
        Assert.IsTrue(assessment.TimeToLimitEarliest <= assessment.TimeToLimit && assessment.TimeToLimit <= assessment.TimeToLimitLatest);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void Assess_GcSawtooth_IsSteady(int seed)
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(30), seed, sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 20);

        var looks = Looks(samples);

        Assert.IsFalse(looks.Contains(TrendVerdict.Leak), string.Join(",", looks));
        Assert.AreEqual(TrendVerdict.Steady, looks[^1]);
    }

    [TestMethod]
    public void Assess_TooShort_IsNull()
    {
        var samples = Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(4), seed: 1);

        Assert.IsNull(Assess(samples, samples[^1].Time));
    }

    /// <summary>The pooled verdict of every look (every 30 s from minute 5) over pods drawn by <paramref name="draw"/> from the given seeds.</summary>
    private static List<PooledLeak?> PooledLooks(Func<int, List<Sample>> draw, int[] seeds, double untilMinutes)
    {
        var pods = seeds.Select(draw).ToList();
        var looks = new List<PooledLeak?>();
        for (var now = Some.DeployedAt.AddMinutes(5); now <= Some.DeployedAt.AddMinutes(untilMinutes); now = now.AddSeconds(30))
        {
            var at = now;
            var assessed = pods.Select(p => Assess(p, at)).OfType<TrendAssessment>().ToList();
            looks.Add(TrendAnalysis.Pool(assessed));
        }

        return looks;
    }

    private static TrendAssessment Growing(double statistic, TrendVerdict verdict = TrendVerdict.Undecided) =>
        new(1, 0.5, 1.5, 500, 1000, TimeSpan.FromHours(1), null, null, null, verdict,
            new LeakEvidence(statistic, 100, 1, 0.1, Some.DeployedAt, 0, 1, null, 1, 0.1));

    [TestMethod]
    public void Pool_PodsGrowingTogether_SumTheirStatistics()
    {
        var pods = Enumerable.Repeat(Growing(TrendAnalysis.PooledLeakThreshold(3) / 3 + 0.1), 3).ToList();

        var pooled = TrendAnalysis.Pool(pods);

        Assert.IsNotNull(pooled);
        Assert.AreEqual(3, pooled.Pods);
        Assert.AreEqual(TrendAnalysis.PooledLeakThreshold(3) + 0.3, pooled.Statistic, 1e-9);
    }

    [TestMethod]
    public void Pool_BelowTheThresholdOrOnePodNotGrowingOrAlone_IsNull()
    {
        var each = TrendAnalysis.PooledLeakThreshold(3) / 3 + 0.1;

        Assert.IsNull(TrendAnalysis.Pool(Enumerable.Repeat(Growing(each - 0.2), 3).ToList()));
        Assert.IsNull(TrendAnalysis.Pool([Growing(each), Growing(each), Growing(each, TrendVerdict.Steady)]));
        Assert.IsNull(TrendAnalysis.Pool([Growing(each), Growing(each), Growing(each, TrendVerdict.WarmUp)]));
        Assert.IsNull(TrendAnalysis.Pool([Growing(100, TrendVerdict.Leak)]));
    }

    [TestMethod]
    [DataRow(1, 250, 600, 10)]
    [DataRow(4, 300, 600, 20)]
    [DataRow(7, 250, 600, 0)]
    public void Pool_WarmUpsOfThreePods_NeverPool(int seed, double mib, double tauSeconds, double onsetMinutes)
    {
        var looks = PooledLooks(s => Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), s, plateauMiB: mib, plateauTauSeconds: tauSeconds,
            plateauOnsetMinutes: onsetMinutes), [seed, seed + 1, seed + 2], 40);

        Assert.IsFalse(looks.Any(l => l is not null), string.Join(",", looks.Select(l => l?.Statistic)));
    }

    [TestMethod]
    public void Pool_ThreePodsLeaking3MiBPerMinute_DecidesBeforeAnyPodAlone()
    {
        var pods = new[] { 1, 2, 3 }.Select(s => Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), s, leakMiBPerMinute: 3)).ToList();
        var pooled = PooledLooks(s => pods[s], [0, 1, 2], 40);
        var alone = pods.Select(p => Looks(p, 40)).ToList();

        var firstPooled = pooled.FindIndex(l => l is not null);
        var firstAlone = alone.Min(l => l.IndexOf(TrendVerdict.Leak) is var i and >= 0 ? i : int.MaxValue);

        Assert.IsGreaterThanOrEqualTo(0, firstPooled);
        Assert.IsLessThan(firstAlone, firstPooled, $"pooled at look {firstPooled}, alone at {firstAlone}");
    }
}
