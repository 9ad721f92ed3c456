using DeployVerifier.Metrics;

namespace DeployVerifier.Analysis;

/// <summary>
/// Weighs the two explanations of a rising floor on all the data seen so far. A warm-up: the floor rises towards a
/// level below the limit and stays there (<c>A − B·e^{−(t − t₀)/τ}</c> from t₀, flat before; τ at most
/// <see cref="MaxWarmUpMinutes"/> minutes, starting at the pod's start or any time later, as when a job first runs). A
/// leak: the floor grows steadily from some onset, on top of any warm-up. Both are fitted by least squares to the
/// floor points, each model averaged over the same windows as the floor, over a grid of time constants, starts and
/// onsets (a generalised likelihood-ratio test). The statistic is the drop in squared error divided by the floor's
/// noise, counted once per window because neighbouring floor points share their samples.
/// </summary>
internal static class LeakTest
{
    /// <summary>The longest warm-up time constant, in minutes: slower growth that is still rising is a leak.</summary>
    public const double MaxWarmUpMinutes = 10;

    /// <summary>
    /// The statistic at which a leak is called. Every evaluation tests again on more data, so the threshold must cover
    /// the repeated looks of a whole soak. In simulation (18 pods each of warm-ups of 150–400 MiB with time constants of
    /// 5 and 10 minutes, starting with the pod or 10–20 minutes later, a look every 30 s over 30 minutes) the largest
    /// statistic seen was 7.9.
    /// </summary>
    /// <remarks>
    /// Not yet what decides a trend check: at the corpus's noise (8 MiB a scrape) a leak of 3 MiB/min reaches a median
    /// of 5.4 by minute 30, so this test alone would decide slow leaks later than <see cref="TrendAnalysis"/> does.
    /// </remarks>
    public const double LeakThreshold = 16;

    /// <summary>The statistic at which the growth counts as bending (a warm-up), not steady.</summary>
    public const double WarmUpThreshold = 12;

    /// <summary>The statistic at which the floor counts as rising at all.</summary>
    public const double RiseThreshold = 12;

    private static readonly double[] WarmUpTaus = [0.5, 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    /// <summary>The start-up settling a leaking pod may show besides its leak (short time constants only).</summary>
    private static readonly double[] StartUpTaus = [0.5, 1, 2, 3];

    private const double StartStepMinutes = 0.5;
    private const double OnsetStepMinutes = 1;

    /// <summary>Weighs the floor of <paramref name="samples"/> (time order, no NaN); null with too few floor points.</summary>
    /// <param name="samples">The raw samples.</param>
    /// <param name="floorWindow">The floor window.</param>
    /// <param name="maxFloorAsymptote">The highest level a warm-up's floor may level off at and stay below the limit.</param>
    public static LeakEvidence? Weigh(IReadOnlyList<Sample> samples, TimeSpan floorWindow, double maxFloorAsymptote)
    {
        var windows = FloorPoints.Windows(samples, floorWindow);
        var n = windows.Count;
        if (n < 6)
        {
            return null;
        }

        var valueSums = FloorPoints.PrefixSums(samples.Count, i => samples[i].Value);
        var floor = windows.Select(w => w.Mean(valueSums)).ToArray();

        var now = samples[^1].Time;
        var minutes = samples.Select(s => (s.Time - now).TotalMinutes).ToArray();
        var mean = floor.Average();
        var y = floor.Select(v => v - mean).ToArray();
        var yy = y.Sum(v => v * v);
        // Floor points one sample apart share nearly all their samples: a window's worth of them is one observation.
        var perWindow = windows.Average(w => w.Count);

        var first = minutes[0];
        var last = minutes[^1];
        var warmUps = new List<Basis>();
        foreach (var tau in WarmUpTaus)
        {
            for (var start = first; start < last - StartStepMinutes / 2; start += StartStepMinutes)
            {
                var t0 = start;
                warmUps.Add(Basis.Of(windows, minutes, y, x => x >= t0 ? Math.Exp(-(x - t0) / tau) : 1, t0));
            }
        }

        var startUps = StartUpTaus.Select(tau => Basis.Of(windows, minutes, y, x => Math.Exp(-(x - first) / tau), first)).ToList();
        var onsets = new List<Basis>();
        for (var onset = first; onset < last - OnsetStepMinutes; onset += OnsetStepMinutes)
        {
            var t1 = onset;
            onsets.Add(Basis.Of(windows, minutes, y, x => Math.Max(0, x - t1), t1));
        }

        if (onsets.Count == 0)
        {
            return null;
        }

        // A warm-up: A − B·g with B ≥ 0 and A (the floor's asymptote) below the limit's.
        var maxA = maxFloorAsymptote - mean;
        Span<double> beta = stackalloc double[3];
        var warmUpSse = yy;
        double? asymptote = null;
        foreach (var g in warmUps)
        {
            var sse = BoundedLeastSquares.Solve([n, -g.Sum, -g.Sum, g.SumSquares], [0, -g.SumY], yy,
                [double.NegativeInfinity, 0], [maxA, double.PositiveInfinity], beta);
            if (sse < warmUpSse)
            {
                warmUpSse = sse;
                asymptote = beta[1] > 0 ? beta[0] + mean : null;
            }
        }

        // Steady growth from an onset, after at most a short start-up settling.
        var leakSse = double.PositiveInfinity;
        var settleSse = double.PositiveInfinity;
        var slope = 0.0;
        var slopeVariance = double.PositiveInfinity;
        var onsetAt = first;
        foreach (var g in startUps)
        {
            settleSse = Math.Min(settleSse, BoundedLeastSquares.Solve([n, -g.Sum, -g.Sum, g.SumSquares], [0, -g.SumY], yy,
                [double.NegativeInfinity, 0], [double.PositiveInfinity, double.PositiveInfinity], beta));
            foreach (var h in onsets)
            {
                var sse = Fit3(n, g, h, yy, beta);
                if (sse < leakSse)
                {
                    leakSse = sse;
                    slope = beta[2];
                    slopeVariance = InverseSlopeVariance(n, g, h);
                    onsetAt = h.Start;
                }
            }
        }

        // Both: the alternative that contains the two others, so each statistic is a drop in error.
        var bothSse = double.PositiveInfinity;
        var residuals = new double[n];
        foreach (var g in warmUps.Concat(startUps))
        {
            foreach (var h in onsets)
            {
                var sse = Fit3(n, g, h, yy, beta);
                if (sse < bothSse)
                {
                    bothSse = sse;
                    for (var j = 0; j < n; j++)
                    {
                        residuals[j] = y[j] - (beta[0] - beta[1] * g.Values[j] + beta[2] * h.Values[j]);
                    }
                }
            }
        }

        // The noise is judged on what the best fit leaves, so that the growth itself is never taken for noise.
        if (FloorNoise.Variance(samples, windows, residuals, floorWindow) is not { } noise || noise <= 0)
        {
            return null;
        }

        var unit = noise * perWindow;
        bothSse = Math.Min(bothSse, Math.Min(warmUpSse, leakSse));
        return new LeakEvidence((warmUpSse - bothSse) / unit, (leakSse - bothSse) / unit, (settleSse - leakSse) / unit,
            slope / 60, Math.Sqrt(unit * slopeVariance) / 60, now + TimeSpan.FromMinutes(onsetAt), asymptote, Math.Sqrt(noise));
    }

    /// <summary>A − B·g + s·h with B ≥ 0 and s ≥ 0.</summary>
    private static double Fit3(int n, Basis g, Basis h, double yy, Span<double> beta)
    {
        var gh = g.Dot(h);
        return BoundedLeastSquares.Solve(
            [n, -g.Sum, h.Sum, -g.Sum, g.SumSquares, -gh, h.Sum, -gh, h.SumSquares],
            [0, -g.SumY, h.SumY], yy,
            [double.NegativeInfinity, 0, 0], [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity], beta);
    }

    /// <summary>The slope's entry of (XᵀX)⁻¹ for the columns 1, −g, h (per unit of noise).</summary>
    private static double InverseSlopeVariance(int n, Basis g, Basis h)
    {
        // Residualise h on the span of 1 and g: Var(s) = σ² / ‖h − proj(h)‖².
        var gh = g.Dot(h);
        var sgg = g.SumSquares - g.Sum * g.Sum / n;
        var sgh = gh - g.Sum * h.Sum / n;
        var shh = h.SumSquares - h.Sum * h.Sum / n;
        var residual = sgg > 1e-12 ? shh - sgh * sgh / sgg : shh;
        return residual > 1e-12 ? 1 / residual : double.PositiveInfinity;
    }

    /// <summary>One model column: a function of time averaged over the floor's windows, with the sums the fits need.</summary>
    private sealed class Basis
    {
        private Basis(double[] values, double start, double[] y)
        {
            Values = values;
            Start = start;
            Sum = values.Sum();
            SumSquares = values.Sum(v => v * v);
            SumY = Dot(values, y);
        }

        public double[] Values { get; }

        /// <summary>The start or onset, in minutes before now.</summary>
        public double Start { get; }

        public double Sum { get; }

        public double SumSquares { get; }

        public double SumY { get; }

        public static Basis Of(IReadOnlyList<FloorWindow> windows, double[] minutes, double[] y, Func<double, double> shape, double start)
        {
            var sums = FloorPoints.PrefixSums(minutes.Length, i => shape(minutes[i]));
            return new Basis(windows.Select(w => w.Mean(sums)).ToArray(), start, y);
        }

        public double Dot(Basis other) => Dot(Values, other.Values);

        private static double Dot(double[] a, double[] b)
        {
            var sum = 0.0;
            for (var i = 0; i < a.Length; i++)
            {
                sum += a[i] * b[i];
            }

            return sum;
        }
    }
}
