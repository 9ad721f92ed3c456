using DeployVerifier.Metrics;

namespace DeployVerifier.Analysis;

/// <summary>
/// Weighs the two explanations of a rising series on all of a pod's samples so far, at full resolution. A warm-up:
/// the pod's start-up settling (time constant at most <see cref="MaxSettleMinutes"/>, from the pod's start) and a
/// cache filling towards a level below the limit (<c>A − B·e^{−(t − t₀)/τ}</c> from t₀, flat before; τ at most
/// <see cref="MaxWarmUpMinutes"/> minutes, t₀ the pod's start or any time later). A leak: the same start-up settling
/// and steady growth from some onset. Both are fitted by least squares (amplitudes and slope held to rise) over a
/// grid of time constants, starts and onsets, beside a phase bin per step of the garbage-collection cycle
/// (<see cref="SawtoothPeriod"/>), which takes the sawtooth out so that each sample is one independent reading.
/// The statistic is the drop in squared error from the best warm-up to the best leak, in units of the noise
/// variance that is left.
/// </summary>
internal static class LeakTest
{
    /// <summary>The longest warm-up time constant, in minutes: slower growth that is still rising is a leak.</summary>
    public const double MaxWarmUpMinutes = 10;

    /// <summary>The longest time constant of a pod's own start-up settling, in minutes.</summary>
    public const double MaxSettleMinutes = 3;

    private static readonly double[] WarmUpTaus = [0.5, 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    private static readonly double[] SettleTaus = [0.5, 1, 1.5, 2, 2.5, 3];

    private const double StartStepMinutes = 0.5;

    /// <summary>The stretch, in minutes, over which the growth must still go on now to count as growing.</summary>
    public const double RecentMinutes = 15;

    /// <summary>The fewest samples weighed.</summary>
    public const int MinSamples = 24;

    /// <summary>Weighs <paramref name="samples"/> (time order, finite values, one <paramref name="step"/> apart with gaps allowed).</summary>
    /// <param name="samples">The pod's samples, from its start (or as far back as known) to now.</param>
    /// <param name="podStart">When the pod started; a warm-up starts then or later.</param>
    /// <param name="step">The spacing of the samples.</param>
    /// <param name="maxRemaining">How much more a warm-up may still grow and stay below the limit.</param>
    /// <returns>Null with fewer than <see cref="MinSamples"/> samples or no noise left to judge by.</returns>
    public static LeakEvidence? Weigh(IReadOnlyList<Sample> samples, DateTimeOffset podStart, TimeSpan step, double maxRemaining)
    {
        var n = samples.Count;
        if (n < MinSamples || step <= TimeSpan.Zero)
        {
            return null;
        }

        var now = samples[^1].Time;
        var x = samples.Select(s => (s.Time - now).TotalMinutes).ToArray();
        var start = Math.Min((podStart - now).TotalMinutes, x[0]);
        var bins = PhaseBins(samples, step, out var period);
        var project = new Projector(bins);
        var y = project.Apply(samples.Select(s => s.Value).ToArray());
        var yy = Dot(y, y);

        var settles = SettleTaus.Select(tau => Column.Of(project, y, x, v => -Math.Exp(-(v - start) / tau), Math.Exp(start / tau))).ToList();
        var settleValues = settles.Select(g => g.Values).ToArray();
        var warmUps = new WarmUpGrid(x, y, bins, WarmUpTaus, Math.Max(start, x[0]), StartStepMinutes);

        var onsets = new OnsetGrid(x, y, bins, settleValues, StartStepMinutes, -2);
        if (onsets.Onsets.Length == 0)
        {
            return null;
        }

        Span<double> beta = stackalloc double[1];
        Span<double> lower = [0];
        Span<double> upper = [double.PositiveInfinity];

        // A warm-up: start-up settling and one cache filling, neither growing past the limit.
        var warmUpSse = yy;
        double remaining = 0;
        var settleSse = yy;
        // A settling that has died away (a pod older than the window) has a sum of squares of zero: every fit with it is
        // the other column's alone, the same for each such settling, so only the first is fitted (the others could only tie).
        var diedAway = settles.FindIndex(g => g.SumSquares == 0);
        bool Repeats(int s) => s != diedAway && settles[s].SumSquares == 0;
        var buffers = LookBuffers.Current;
        var warmUpCrossed = buffers.Get(LookBuffers.Slot.WarmUpCrossed, warmUps.Count);
        var fits = new Fits(buffers, Math.Max(warmUps.Count, onsets.Onsets.Length));
        for (var s = 0; s < settles.Count; s++)
        {
            var g = settles[s];
            if (Repeats(s))
            {
                continue;
            }

            var sse = BoundedLeastSquares.Solve([g.SumSquares], [g.SumY], yy, lower, upper, beta);
            settleSse = Math.Min(settleSse, sse);
            if (sse < warmUpSse && beta[0] * g.Remaining <= maxRemaining)
            {
                warmUpSse = sse;
                remaining = beta[0] * g.Remaining;
            }

            warmUps.DotWith(g.Values, warmUpCrossed);
            var count = warmUps.Count;
            PairFits.Solve(g.SumSquares, g.SumY, warmUpCrossed.AsSpan(0, count), warmUps.SumSquares.AsSpan(0, count), warmUps.SumY.AsSpan(0, count), yy,
                fits.Sse, fits.First, fits.Second);
            for (var h = 0; h < warmUps.Count; h++)
            {
                if (fits.Sse[h] < warmUpSse && fits.First[h] * g.Remaining + fits.Second[h] * warmUps.Remaining(h) is var rest && rest <= maxRemaining)
                {
                    warmUpSse = fits.Sse[h];
                    remaining = rest;
                }
            }
        }

        // A leak: the same settling and steady growth from an onset.
        var leakSse = double.PositiveInfinity;
        double slope = 0, slopeFactor = double.PositiveInfinity, leakOnset = x[0], leakSettle = 0;
        Column? bestSettle = null;
        for (var s = 0; s < settles.Count; s++)
        {
            var g = settles[s];
            if (Repeats(s))
            {
                continue;
            }

            var crossed = onsets.Crossed[s];
            PairFits.Solve(g.SumSquares, g.SumY, crossed, onsets.SumSquares, onsets.SumY, yy, fits.Sse, fits.First, fits.Second);
            for (var h = 0; h < onsets.Onsets.Length; h++)
            {
                if (fits.Sse[h] < leakSse)
                {
                    leakSse = fits.Sse[h];
                    slope = fits.Second[h];
                    leakSettle = fits.First[h];
                    bestSettle = g;
                    slopeFactor = SlopeVarianceFactor(g.SumSquares, crossed[h], onsets.SumSquares[h]);
                    leakOnset = onsets.Onsets[h];
                }
            }
        }

        // What the better explanation leaves is the noise: one bin per phase of the cycle and three shape parameters used.
        var freedom = n - bins.Max() - 1 - 3;
        // A series without noise (a synthetic one, a gauge that only steps) is judged as if read to a part in 10⁴.
        var scale = samples.Average(s => Math.Abs(s.Value));
        var noise = Math.Max(Math.Min(warmUpSse, leakSse) / Math.Max(freedom, 1), Math.Pow(1e-4 * scale, 2));
        if (freedom < 4 || noise <= 0 || bestSettle is null)
        {
            return null;
        }

        var onsetRaw = OnsetGrid.Raw(x, leakOnset);
        var fitted = x.Select((_, i) => leakSettle * bestSettle.Raw[i] + slope * onsetRaw[i]).ToArray();
        var (recentSlope, recentError) = RecentSlope(x, samples, bins, fitted, noise);
        return new LeakEvidence((warmUpSse - leakSse) / noise, (settleSse - leakSse) / noise, slope / 60,
            Math.Sqrt(noise * slopeFactor) / 60, now + TimeSpan.FromMinutes(leakOnset), remaining, Math.Sqrt(noise),
            period is { } p ? step * p : null, recentSlope / 60, recentError / 60);
    }

    /// <summary>The slope over the last <see cref="RecentMinutes"/> (per minute), with its standard error: whether the
    /// growth still goes on now. The sawtooth's profile is taken from the whole history (what the best leak fit leaves,
    /// averaged per phase bin), so the recent stretch spends no evidence on it.</summary>
    private static (double Slope, double Error) RecentSlope(double[] x, IReadOnlyList<Sample> samples, int[] bins, double[] fitted, double noise)
    {
        var count = bins.Max() + 1;
        var sums = new double[count];
        var counts = new int[count];
        for (var i = 0; i < x.Length; i++)
        {
            sums[bins[i]] += samples[i].Value - fitted[i];
            counts[bins[i]]++;
        }

        var from = Array.FindIndex(x, v => v > -RecentMinutes);
        var t = x[from..];
        var y = t.Select((_, j) => samples[from + j].Value - sums[bins[from + j]] / counts[bins[from + j]]).ToArray();
        var meanT = t.Average();
        var meanY = y.Average();
        double tt = 0, ty = 0;
        for (var j = 0; j < t.Length; j++)
        {
            tt += (t[j] - meanT) * (t[j] - meanT);
            ty += (t[j] - meanT) * (y[j] - meanY);
        }

        return tt > 0 ? (ty / tt, Math.Sqrt(noise / tt)) : (0, double.PositiveInfinity);
    }

    /// <summary>A phase bin per step of the sawtooth's cycle (one bin when there is none).</summary>
    private static int[] PhaseBins(IReadOnlyList<Sample> samples, TimeSpan step, out int? period)
    {
        var first = samples[0].Time;
        var index = samples.Select(s => (int)Math.Round((s.Time - first) / step)).ToArray();
        var grid = Enumerable.Repeat(double.NaN, index[^1] + 1).ToArray();
        for (var i = 0; i < samples.Count; i++)
        {
            grid[index[i]] = samples[i].Value;
        }

        period = SawtoothPeriod.Of(grid);
        var cycle = period ?? 1;
        return index.Select(i => i % cycle).ToArray();
    }

    /// <summary>The second column's entry of (XᵀX)⁻¹, per unit of noise.</summary>
    private static double SlopeVarianceFactor(double gg, double gh, double hh)
    {
        var det = gg * hh - gh * gh;
        return det > 1e-12 * gg * hh ? gg / det : hh > 0 ? 1 / hh : double.PositiveInfinity;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>The two-column fits of one settling column against a grid: residuals and coefficients.</summary>
    private sealed class Fits(LookBuffers buffers, int count)
    {
        public double[] Sse { get; } = buffers.Get(LookBuffers.Slot.FitSse, count);

        public double[] First { get; } = buffers.Get(LookBuffers.Slot.FitFirst, count);

        public double[] Second { get; } = buffers.Get(LookBuffers.Slot.FitSecond, count);
    }

    /// <summary>Removes from a column what the phase bins explain (its mean within each bin).</summary>
    private sealed class Projector(int[] bins)
    {
        private readonly int _count = bins.Max() + 1;

        public double[] Apply(double[] values)
        {
            var sums = new double[_count];
            var counts = new int[_count];
            for (var i = 0; i < values.Length; i++)
            {
                sums[bins[i]] += values[i];
                counts[bins[i]]++;
            }

            var projected = new double[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                projected[i] = values[i] - sums[bins[i]] / counts[bins[i]];
            }

            return projected;
        }
    }

    /// <summary>One model column after the phase bins, with the sums the fits need.</summary>
    /// <param name="Raw">The column before the phase bins.</param>
    /// <param name="Remaining">How much a unit of this column still has to grow after now.</param>
    private sealed record Column(double[] Values, double[] Raw, double SumSquares, double SumY, double Remaining)
    {
        public static Column Of(Projector project, double[] y, double[] x, Func<double, double> shape, double remaining)
        {
            var raw = Array.ConvertAll(x, v => shape(v));
            var values = project.Apply(raw);
            return new Column(values, raw, Dot(values, values), Dot(values, y), remaining);
        }
    }
}
