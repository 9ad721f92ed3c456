using DeployVerifier.Checklists;
using DeployVerifier.Metrics;

namespace DeployVerifier.Analysis;

/// <summary>
/// Leak detection for one pod's series: weighs steady growth against a warm-up on everything seen since the pod
/// started (<see cref="LeakTest"/>), and projects when the peak reaches the limit at the leak's slope.
/// </summary>
internal static class TrendAnalysis
{
    /// <summary>One-sided 99 % bound of the slope, for the forecast's range and for calling growth significant.</summary>
    public const double Z = 2.33;

    /// <summary>
    /// The leak statistic at which a leak is called. Every evaluation tests again on more data, so the threshold covers
    /// the repeated looks of a whole soak, not one look. In simulation (LeakCalibration: 700 warm-up pods of 100 to 300
    /// MiB, time constants 5 to 10 min, from the pod's start or 5 to 20 min later, under the corpus's noise and
    /// sawtooth, a look every 30 s for 40 minutes) the largest statistic reached on two looks in a row was 9.2; with
    /// 300 seeds per kind (2100 pods) one pod reached 18.6 and failed (a 250 MiB cache starting 10 minutes late, two
    /// high readings just as its filling looked straightest), the next largest 11.0. On the corpus (scripts/leak-bench.py,
    /// 600 reseeded healthy soaks of three pods, two looks in a row) one soak failed: about 1 in 600 per soak.
    /// </summary>
    public const double LeakThreshold = 12;

    /// <summary>The statistic (negative) at which the growth counts as levelling off: a warm-up, judged passed.</summary>
    public const double WarmUpThreshold = 10;

    /// <summary>The rise statistic at which a pod counts as growing at all (beyond its start-up settling).</summary>
    public const double RiseThreshold = 16;

    /// <summary>The shortest history judged, after the series' minimum age.</summary>
    public static readonly TimeSpan MinSpan = TimeSpan.FromMinutes(2);

    /// <summary>Assesses <paramref name="samples"/> (time order, finite values, from the pod's start up to <paramref name="now"/>).</summary>
    /// <param name="remember">Where an earlier fit of the same look is kept (<see cref="TrendMemo"/>); null: fitted now.</param>
    /// <returns>Null when there is too little history to weigh.</returns>
    public static TrendAssessment? Assess(IReadOnlyList<Sample> samples, DateTimeOffset podStart, DateTimeOffset now, double limit, TrendSettings settings,
        Func<Func<LeakEvidence?>, LeakEvidence?>? remember = null)
    {
        var recent = samples.Where(s => s.Time > now - settings.FloorWindow && s.Time <= now).ToList();
        if (recent.Count == 0)
        {
            return null;
        }

        // The peak of the last floor window: where the sawtooth's top stands now, and what meets the limit first.
        var level = recent.Max(s => s.Value);
        var headroom = limit - level;
        var seen = samples.Where(s => s.Time <= now).ToList();
        LeakEvidence? Fit() => LeakTest.Weigh(seen, podStart, settings.Resolution, Math.Max(headroom, 0));
        if ((remember is null ? Fit() : remember(Fit)) is not { } evidence)
        {
            return null;
        }

        var slope = evidence.SlopePerSecond;
        var lower = slope - Z * evidence.SlopeStandardError;
        var upper = slope + Z * evidence.SlopeStandardError;
        var eta = Eta(headroom, slope);
        // Growing: more than the start-up settling, still going on in the recent minutes, and due within the horizon.
        var recentLower = evidence.RecentSlopePerSecond - Z * evidence.RecentSlopeStandardError;
        var growing = evidence.RiseStatistic >= RiseThreshold && lower > 0 && recentLower > 0
            && Eta(headroom, evidence.RecentSlopePerSecond) is { } recentEta && recentEta <= settings.Horizon
            && eta is { } t && t <= settings.Horizon;
        var verdict = growing && evidence.LeakStatistic >= LeakThreshold ? TrendVerdict.Leak
            : evidence.LeakStatistic <= -WarmUpThreshold && evidence.RiseStatistic >= RiseThreshold ? TrendVerdict.WarmUp
            : growing ? TrendVerdict.Undecided
            : TrendVerdict.Steady;
        return new TrendAssessment(slope, lower, upper, level, limit, eta, Eta(headroom, upper), Eta(headroom, lower),
            verdict == TrendVerdict.WarmUp ? level + evidence.WarmUpRemaining : null, verdict, evidence);
    }

    /// <summary>
    /// The release's pods weighed together: when every pod assessed (at least two) is growing, the sum of their leak
    /// statistics, the pods' noise being independent, is the statistic of steady growth in all of them at once.
    /// </summary>
    /// <returns>The pooled leak when the sum reaches <see cref="PooledLeakThreshold"/> for that many pods; else null.</returns>
    public static PooledLeak? Pool(IReadOnlyCollection<TrendAssessment> pods)
    {
        if (pods.Count < 2 || pods.Any(p => p.Verdict is not (TrendVerdict.Leak or TrendVerdict.Undecided)))
        {
            return null;
        }

        var sum = pods.Sum(p => p.Evidence.LeakStatistic);
        var threshold = PooledLeakThreshold(pods.Count);
        return sum >= threshold ? new PooledLeak(sum, threshold, pods.Count) : null;
    }

    /// <summary>
    /// The pooled statistic at which the release's pods, all growing, are called leaking together: <see cref="LeakThreshold"/>
    /// and <see cref="PooledPerPod"/> more for each further pod (14 for two pods, 16 for three), a sum of independent pods'
    /// statistics spreading wider with every pod. In simulation (LeakCalibration, 2100 warm-up pods of the seven cache
    /// kinds drawn as 1050 releases of two and 700 of three, looked at for 40 minutes) the largest pooled sum on two
    /// looks in a row was 12.7 for two pods and 14.2 for three, and no release failed by the pooled rule alone; at 12
    /// for both, two would have. It calls a 3 MiB/min leak in all three pods about 1.5 minutes sooner at the median,
    /// one of 35 MiB/min about half a minute sooner at the worst.
    /// </summary>
    public static double PooledLeakThreshold(int pods) => LeakThreshold + PooledPerPod * (pods - 1);

    /// <summary>What each pod past the first adds to the pooled threshold.</summary>
    public const double PooledPerPod = 2;

    private static TimeSpan? Eta(double headroom, double slopePerSecond)
    {
        if (slopePerSecond <= 0 || double.IsNaN(slopePerSecond))
        {
            return null;
        }

        if (headroom <= 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = headroom / slopePerSecond;
        return seconds > TimeSpan.MaxValue.TotalSeconds / 2 ? null : TimeSpan.FromSeconds(seconds);
    }
}
