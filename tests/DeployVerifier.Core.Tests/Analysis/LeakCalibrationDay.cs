using System.Globalization;
using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

/// <summary>
/// How often a healthy release fails a day-long soak. <see cref="TrendAnalysis.LeakThreshold"/> was calibrated on 80
/// looks (a look every 30 s for 40 minutes, <see cref="LeakCalibration"/>); a 24-hour soak looks 2,880 times, each at
/// the last <c>window + floorWindow</c> of the pod's life as the check reads it (45 minutes in the Kubernetes example),
/// so a healthy pod has 36 times as many chances to reach it. Runs only with DV_LEAK_CALIBRATION_DAY=seeds (a
/// release of three pods per seed and kind, as the example's fleet), and prints per healthy kind how many releases
/// fail (a pod's leak verdict two looks in a row, or the three pods' pooled statistic on two looks in a row) and the
/// largest statistic two looks in a row reach after the first hour.
/// </summary>
[TestClass]
public sealed class LeakCalibrationDay
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private static readonly TimeSpan Seen = TimeSpan.FromMinutes(45);

    private static readonly (string Name, Func<int, List<Sample>> Draw)[] Kinds =
    [
        ("steady", s => Some.PodMemory(Some.DeployedAt, Day, s)),
        ("cache-250-tau10-at10", s => Some.PodMemory(Some.DeployedAt, Day, s, plateauMiB: 250, plateauTauSeconds: 600, plateauOnsetMinutes: 10)),
        ("saw200-noise20", s => Some.PodMemory(Some.DeployedAt, Day, s, sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 20)),
        ("saw300-600-noise10", s => Some.PodMemory(Some.DeployedAt, Day, s, sawMiB: 300, sawPeriodSeconds: 600, noiseMiB: 10)),
    ];

    /// <summary>The samples in [now − <see cref="Seen"/>, now] as the check reads them (SeriesBuffer.Between), by bisection.</summary>
    private static List<Sample> Window(List<Sample> samples, DateTimeOffset now)
    {
        var from = LowerBound(samples, now - Seen, inclusive: false);
        var to = LowerBound(samples, now, inclusive: true);
        return samples.GetRange(from, to - from);
    }

    private static int LowerBound(List<Sample> samples, DateTimeOffset time, bool inclusive)
    {
        int lo = 0, hi = samples.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (samples[mid].Time < time || (inclusive && samples[mid].Time == time))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    [TestMethod]
    public void CalibrateDay()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("DV_LEAK_CALIBRATION_DAY"), out var seeds))
        {
            return;
        }

        var settings = Some.TrendSettings();
        var limit = 1024 * Some.MiB;
        var only = Environment.GetEnvironmentVariable("DV_LEAK_KINDS")?.Split(',');
        foreach (var (name, draw) in Kinds.Where(k => only is null || only.Any(k.Name.StartsWith)))
        {
            var failed = 0;
            var worst = new List<double>();
            var looks = 0;
            for (var seed = 1; seed <= seeds; seed++)
            {
                var pods = Enumerable.Range(0, 3).Select(p => draw(seed * 7919 + p * 104729 + name.Length)).ToArray();
                var previous = new TrendAssessment?[3];
                var previousPooled = false;
                var failedAt = double.NaN;
                var largest = double.NegativeInfinity;
                for (var now = Some.DeployedAt.AddMinutes(5); now <= Some.DeployedAt + Day && double.IsNaN(failedAt); now = now.AddSeconds(30))
                {
                    var assessed = pods.Select(samples => TrendAnalysis.Assess(Window(samples, now), Some.DeployedAt, now, limit, settings)).ToArray();
                    looks++;
                    var pooled = assessed.All(a => a is not null) && TrendAnalysis.Pool(assessed.Select(a => a!).ToList()) is not null;
                    var minute = (now - Some.DeployedAt).TotalMinutes;
                    for (var p = 0; p < 3; p++)
                    {
                        if (assessed[p] is { Verdict: TrendVerdict.Leak or TrendVerdict.Undecided } a && previous[p] is { Verdict: TrendVerdict.Leak or TrendVerdict.Undecided } b && minute >= 60)
                        {
                            largest = Math.Max(largest, Math.Min(a.Evidence.LeakStatistic, b.Evidence.LeakStatistic));
                        }

                        if (assessed[p]?.Verdict == TrendVerdict.Leak && previous[p]?.Verdict == TrendVerdict.Leak)
                        {
                            failedAt = minute;
                        }
                    }

                    if (pooled && previousPooled)
                    {
                        failedAt = minute;
                    }

                    previous = assessed;
                    previousPooled = pooled;
                }

                worst.Add(largest);
                if (!double.IsNaN(failedAt))
                {
                    failed++;
                    TestContext.WriteLine($"FAILED {name} seed {seed} at minute {failedAt.ToString("F1", CultureInfo.InvariantCulture)}");
                }
            }

            worst.Sort();
            TestContext.WriteLine(FormattableString.Invariant(
                $"{name}: {failed} of {seeds} releases of 3 pods failed a 24-h soak ({looks} looks); largest two-look statistic after the first hour {worst[^1]:F1}, median {worst[worst.Count / 2]:F1}"));
        }
    }
}
