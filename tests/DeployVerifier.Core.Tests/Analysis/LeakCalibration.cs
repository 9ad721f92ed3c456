using System.Globalization;
using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

/// <summary>
/// The simulation behind <see cref="TrendAnalysis.LeakThreshold"/> and <see cref="TrendAnalysis.PooledLeakThreshold"/>:
/// reseeded pods of each kind, a look every 30 s from minute 5 to minute 40, as a soak (extended) would look. Runs only
/// with DV_LEAK_CALIBRATION=seeds, and prints per kind the largest statistic two looks in a row reach (healthy) or when
/// two looks in a row first reach each threshold (leaks); then, for releases of two and of three pods (consecutive
/// seeds), the largest pooled sum and how many releases fail (healthy) or when they are decided (leaks) with the pods'
/// own verdicts and the pooled rule at each pooled threshold (Infinity: the pods' own verdicts alone).
/// DV_LEAK_KINDS=a,b keeps the kinds whose names start so; DV_LEAK_TRACE=all (or seeds, e.g. 232) prints looks.
/// </summary>
[TestClass]
public sealed class LeakCalibration
{
    public TestContext TestContext { get; set; } = null!;

    private sealed record Kind(string Name, bool Leak, Func<int, List<Sample>> Draw, double OnsetMinutes = 0);

    private static readonly TimeSpan Length = TimeSpan.FromMinutes(40);

    private static readonly Kind[] Kinds =
    [
        new("steady", false, s => Some.PodMemory(Some.DeployedAt, Length, s)),
        new("cache-150-tau5", false, s => Some.PodMemory(Some.DeployedAt, Length, s, plateauMiB: 150)),
        new("cache-250-tau10", false, s => Some.PodMemory(Some.DeployedAt, Length, s, plateauMiB: 250, plateauTauSeconds: 600)),
        new("cache-250-tau10-at10", false, s => Some.PodMemory(Some.DeployedAt, Length, s, plateauMiB: 250, plateauTauSeconds: 600, plateauOnsetMinutes: 10)),
        new("cache-150-tau5-at15", false, s => Some.PodMemory(Some.DeployedAt, Length, s, plateauMiB: 150, plateauOnsetMinutes: 15)),
        new("cache-300-tau10-at20", false, s => Some.PodMemory(Some.DeployedAt, Length, s, plateauMiB: 300, plateauTauSeconds: 600, plateauOnsetMinutes: 20)),
        new("cache-100-tau8-at5", false, s => Some.PodMemory(Some.DeployedAt, Length, s, plateauMiB: 100, plateauTauSeconds: 480, plateauOnsetMinutes: 5)),
        new("saw200-noise20", false, s => Some.PodMemory(Some.DeployedAt, Length, s, sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 20)),
        new("saw150-240-noise15", false, s => Some.PodMemory(Some.DeployedAt, Length, s, sawMiB: 150, sawPeriodSeconds: 240, noiseMiB: 15)),
        new("saw100-120-noise20", false, s => Some.PodMemory(Some.DeployedAt, Length, s, sawMiB: 100, sawPeriodSeconds: 120, noiseMiB: 20)),
        new("saw300-600-noise10", false, s => Some.PodMemory(Some.DeployedAt, Length, s, sawMiB: 300, sawPeriodSeconds: 600, noiseMiB: 10)),
        new("saw250-420-noise15", false, s => Some.PodMemory(Some.DeployedAt, Length, s, sawMiB: 250, sawPeriodSeconds: 420, noiseMiB: 15)),
        new("cache-250-tau10-saw200", false, s => Some.PodMemory(Some.DeployedAt, Length, s, plateauMiB: 250, plateauTauSeconds: 600, plateauOnsetMinutes: 10, sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 20)),
        new("leak-1.5", true, s => Some.PodMemory(Some.DeployedAt, Length, s, leakMiBPerMinute: 1.5)),
        new("leak-2", true, s => Some.PodMemory(Some.DeployedAt, Length, s, leakMiBPerMinute: 2)),
        new("leak-3", true, s => Some.PodMemory(Some.DeployedAt, Length, s, leakMiBPerMinute: 3)),
        new("leak-4-at10", true, s => Some.PodMemory(Some.DeployedAt, Length, s, leakMiBPerMinute: 4, leakOnsetMinutes: 10), 10),
        new("leak-4-saw200", true, s => Some.PodMemory(Some.DeployedAt, Length, s, leakMiBPerMinute: 4, sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 20)),
        new("leak-8-saw300-600", true, s => Some.PodMemory(Some.DeployedAt, Length, s, leakMiBPerMinute: 8, sawMiB: 300, sawPeriodSeconds: 600, noiseMiB: 10)),
        new("leak-6-saw240", true, s => Some.PodMemory(Some.DeployedAt, Length, s, leakMiBPerMinute: 6, sawMiB: 150, sawPeriodSeconds: 240, noiseMiB: 15)),
        new("leak-35-at15", true, s => Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(28), s, leakMiBPerMinute: 35, leakOnsetMinutes: 15), 15),
    ];

    private const double SingleLookThreshold = 14;

    private static readonly int[] PoolSizes = [2, 3];

    private static readonly double[] PooledThresholds = [10, 12, 14, 16, 18, 20];

    private static string P(List<double> v, double q) =>
        v.Count == 0 ? "-" : v[Math.Min(v.Count - 1, (int)(q * v.Count))].ToString("F1", CultureInfo.InvariantCulture);

    [TestMethod]
    public void Calibrate()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("DV_LEAK_CALIBRATION"), out var seeds))
        {
            return;
        }

        var settings = Some.TrendSettings();
        var limit = 1024 * Some.MiB;
        double[] thresholds = [6, 8, 10, 12, 16];
        var only = Environment.GetEnvironmentVariable("DV_LEAK_KINDS")?.Split(',');
        foreach (var kind in Kinds.Where(k => only is null || only.Any(k.Name.StartsWith)))
        {
            var worst = new List<double>();
            var single = new List<double>();
            var failed = new List<double>();
            var failedPods = 0;
            var singleDecided = new List<double>();
            var decided = thresholds.Select(_ => new List<double>()).ToArray();
            var undecidedAt30 = 0;
            var undecidedAt40 = 0;
            var podLooks = new List<List<(double Minute, double Statistic)>>();
            var podLeaks = new List<List<(double Minute, bool Leak)>>();
            for (var seed = 1; seed <= seeds; seed++)
            {
                var samples = kind.Draw(seed * 7919 + kind.Name.Length);
                var looks = new List<(double Minute, double Statistic)>();
                var leakLooks = new List<(double Minute, bool Leak)>();
                for (var now = Some.DeployedAt.AddMinutes(5); now <= samples[^1].Time; now = now.AddSeconds(30))
                {
                    var seen = samples.Where(s => s.Time <= now).ToList();
                    var a = TrendAnalysis.Assess(seen, Some.DeployedAt, now, limit, settings);
                    var growing = a is not null && a.Verdict is TrendVerdict.Leak or TrendVerdict.Undecided;
                    var minute = (now - Some.DeployedAt).TotalMinutes;
                    looks.Add((minute, growing ? a!.Evidence.LeakStatistic : double.NegativeInfinity));
                    if (Environment.GetEnvironmentVariable("DV_LEAK_TRACE") is { } trace && (trace == "all" ? seed <= 3 && (int)(minute * 2) % 4 == 0 : trace.Split(',').Contains(seed.ToString(CultureInfo.InvariantCulture))))
                    {
                        TestContext.WriteLine($"TRACE {kind.Name} {seed} {minute} {a?.Verdict} leak {a?.Evidence.LeakStatistic:F1} rise {a?.Evidence.RiseStatistic:F1} noise {a?.Evidence.Noise / Some.MiB:F1} period {a?.Evidence.SawtoothPeriod} slope {a?.SlopePerSecond * 60 / Some.MiB:F2}");
                    }

                    leakLooks.Add((minute, a?.Verdict == TrendVerdict.Leak));
                    undecidedAt30 += minute == 30 && a?.Verdict == TrendVerdict.Undecided ? 1 : 0;
                    undecidedAt40 += minute == 40 && a?.Verdict == TrendVerdict.Undecided ? 1 : 0;
                }

                podLooks.Add(looks);
                podLeaks.Add(leakLooks);
                // A leak is called when two looks in a row reach the threshold (the check's tolerance of 1).
                var twoLooks = looks.Skip(1).Select((l, i) => (l.Minute, Statistic: Math.Min(l.Statistic, looks[i].Statistic))).ToList();
                worst.Add(twoLooks.Max(l => l.Statistic));
                if (!kind.Leak && worst[^1] > 9)
                {
                    TestContext.WriteLine($"HIGH {kind.Name} seed {seed}: {worst[^1]:F1}");
                }

                var failedAt = leakLooks.Skip(1).Where((l, i) => l.Leak && leakLooks[i].Leak).Select(l => l.Minute).DefaultIfEmpty(double.PositiveInfinity).First();
                failedPods += double.IsFinite(failedAt) ? 1 : 0;
                failed.Add(failedAt - kind.OnsetMinutes);
                single.Add(looks.Max(l => l.Statistic));
                var firstSingle = looks.FirstOrDefault(l => l.Statistic >= SingleLookThreshold);
                singleDecided.Add(firstSingle.Minute > 0 ? firstSingle.Minute - kind.OnsetMinutes : double.PositiveInfinity);
                for (var k = 0; k < thresholds.Length; k++)
                {
                    var first = twoLooks.FirstOrDefault(l => l.Statistic >= thresholds[k]);
                    decided[k].Add(first.Minute > 0 ? first.Minute - kind.OnsetMinutes : double.PositiveInfinity);
                }
            }

            // A release of a few pods (consecutive seeds): a look fails when a pod's own verdict is a leak, or (pooled) when
            // every pod is growing and their statistics sum to the pooled threshold; two failing looks in a row decide.
            foreach (var size in PoolSizes)
            {
                var pooledWorst = new List<double>();
                var releaseThresholds = PooledThresholds.Append(double.PositiveInfinity).ToArray();
                var decidedAt = releaseThresholds.Select(_ => new List<double>()).ToArray();
                for (var first = 0; first + size <= podLooks.Count; first += size)
                {
                    var pods = podLooks.GetRange(first, size);
                    var leaks = podLeaks.GetRange(first, size);
                    var count = pods.Min(p => p.Count);
                    var sums = Enumerable.Range(0, count).Select(i => pods.Sum(p => p[i].Statistic)).ToList();
                    pooledWorst.Add(sums.Skip(1).Select((v, i) => Math.Min(v, sums[i])).Max());
                    for (var k = 0; k < releaseThresholds.Length; k++)
                    {
                        var failing = Enumerable.Range(0, count).Select(i => leaks.Any(l => l[i].Leak) || sums[i] >= releaseThresholds[k]).ToList();
                        var at = Enumerable.Range(1, count - 1).FirstOrDefault(i => failing[i] && failing[i - 1], -1);
                        decidedAt[k].Add(at >= 0 ? pods[0][at].Minute - kind.OnsetMinutes : double.PositiveInfinity);
                    }
                }

                pooledWorst.Sort();
                var byThreshold = string.Join(" | ", releaseThresholds.Select((t, k) =>
                {
                    decidedAt[k].Sort();
                    return kind.Leak
                        ? $"{t}: {P(decidedAt[k], 0.5)}/{P(decidedAt[k], 0.9)}/{P(decidedAt[k], 1)}"
                        : $"{t}: {decidedAt[k].Count(double.IsFinite)}";
                }));
                TestContext.WriteLine(kind.Leak
                    ? $"{kind.Name,-24} release of {size}, decided med/p90/max after onset, pooled threshold {byThreshold}"
                    : $"{kind.Name,-24} release of {size} ({pooledWorst.Count} soaks): 2-look sum p99 {P(pooledWorst, 0.99)} max {P(pooledWorst, 1)}; soaks failed, pooled threshold {byThreshold}");
            }

            worst.Sort();
            single.Sort();
            failed.Sort();
            singleDecided.Sort();
            if (kind.Leak)
            {
                var byThreshold = string.Join(" | ", thresholds.Select((t, k) =>
                {
                    decided[k].Sort();
                    return $"{t}: {P(decided[k], 0.5)}/{P(decided[k], 0.9)}/{P(decided[k], 1)}";
                }));
                TestContext.WriteLine($"{kind.Name,-24} med/p90/max after onset at threshold {byThreshold}; verdict: {P(failed, 0.5)}/{P(failed, 0.9)}/{P(failed, 1)}; one look at {SingleLookThreshold}: {P(singleDecided, 0.5)}/{P(singleDecided, 0.9)}/{P(singleDecided, 1)}; undecided@30 {undecidedAt30} @40 {undecidedAt40}");
            }
            else
            {
                TestContext.WriteLine($"{kind.Name,-24} largest 2-look statistic: med {P(worst, 0.5)} p90 {P(worst, 0.9)} p99 {P(worst, 0.99)} max {P(worst, 1)}; failed pods {failedPods}; one look: p99 {P(single, 0.99)} max {P(single, 1)}; undecided@30 {undecidedAt30} @40 {undecidedAt40}");
            }
        }
    }
}
