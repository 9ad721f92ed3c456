namespace DeployVerifier.Analysis;

/// <summary>
/// The warm-up columns of <see cref="LeakTest"/>'s grid (a cache filling from t₀ with time constant τ,
/// <c>−e^{−(x − t₀)/τ}</c> from t₀ and −1 before), with the sums its fits need after the phase bins, worked out from
/// running sums rather than column by column. For one τ every column is the same decay scaled by <c>e^{−(x_k − t₀)/τ}</c>
/// from its first sample k on, so a sum over a column is a prefix sum before k plus that factor times a suffix sum
/// from k, each suffix sum built once per τ by the recursion <c>F(k) = w_k + e^{−(x_{k+1} − x_k)/τ}·F(k+1)</c> (every
/// factor at most 1, so nothing overflows). A look costs O(grid + τs × samples × bins), not O(grid × samples).
/// </summary>
internal sealed class WarmUpGrid
{
    private readonly int _n;
    private readonly double[] _taus;
    private readonly int[] _tauOf;
    private readonly int[] _first;
    private readonly double[] _factor;
    private readonly double[] _decay;

    /// <param name="x">The samples' times, in minutes before now (ascending, the last 0).</param>
    /// <param name="y">The samples' values after the phase bins.</param>
    /// <param name="bins">Each sample's phase bin.</param>
    /// <param name="taus">The warm-up time constants, in minutes.</param>
    /// <param name="firstStart">The earliest start: the pod's start or the first sample, whichever is later.</param>
    /// <param name="startStep">The step between starts, in minutes.</param>
    public WarmUpGrid(double[] x, double[] y, int[] bins, IReadOnlyList<double> taus, double firstStart, double startStep)
    {
        _n = x.Length;
        _taus = [.. taus];
        var n = x.Length;
        var binCount = bins.Max() + 1;
        var perBin = new int[binCount];
        foreach (var b in bins)
        {
            perBin[b]++;
        }

        var tauOf = new List<int>();
        var first = new List<int>();
        var factor = new List<double>();
        var sumSquares = new List<double>();
        var sumY = new List<double>();
        var remaining = new List<double>();
        var before = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            before[i + 1] = before[i] + y[i];
        }

        var squares = new double[n];
        var weighted = new double[n];
        var byBin = new double[n * binCount];
        _decay = new double[_taus.Length * n];
        var countsBefore = new int[binCount];
        var binSums = new double[binCount];
        for (var t = 0; t < _taus.Length; t++)
        {
            var tau = _taus[t];
            var row = t * n;
            for (var k = n - 1; k >= 0; k--)
            {
                var decay = _decay[row + k] = k + 1 < n ? Math.Exp(-(x[k + 1] - x[k]) / tau) : 0;
                squares[k] = 1 + (k + 1 < n ? decay * decay * squares[k + 1] : 0);
                weighted[k] = y[k] + (k + 1 < n ? decay * weighted[k + 1] : 0);
                for (var b = 0; b < binCount; b++)
                {
                    byBin[k * binCount + b] = (k + 1 < n ? decay * byBin[(k + 1) * binCount + b] : 0) + (bins[k] == b ? 1 : 0);
                }
            }

            Array.Clear(countsBefore);
            var k0 = 0;
            // Every start before the first sample draws the same curve there: the first sample stands for them all.
            for (var t0 = firstStart; t0 < -startStep / 2; t0 += startStep)
            {
                while (x[k0] < t0)
                {
                    countsBefore[bins[k0++]]++;
                }

                var f = Math.Exp(-(x[k0] - t0) / tau);
                var squared = k0 + f * f * squares[k0];
                var explained = 0.0;
                for (var b = 0; b < binCount; b++)
                {
                    binSums[b] = -countsBefore[b] - f * byBin[k0 * binCount + b];
                    explained += binSums[b] * binSums[b] / perBin[b];
                }

                tauOf.Add(t);
                first.Add(k0);
                factor.Add(f);
                sumSquares.Add(squared - explained);
                sumY.Add(-before[k0] - f * weighted[k0]);
                remaining.Add(Math.Exp(t0 / tau));
            }
        }

        _tauOf = [.. tauOf];
        _first = [.. first];
        _factor = [.. factor];
        SumSquares = [.. sumSquares];
        SumY = [.. sumY];
        Remaining = [.. remaining];
    }

    /// <summary>How many columns: every time constant with every start, τ by τ, starts in time order.</summary>
    public int Count => _first.Length;

    /// <summary>Each column's sum of squares after the phase bins.</summary>
    public double[] SumSquares { get; }

    /// <summary>Each column's dot product with the values after the phase bins.</summary>
    public double[] SumY { get; }

    /// <summary>How much a unit of each column still has to grow after now.</summary>
    public double[] Remaining { get; }

    /// <summary>Each column's dot product with <paramref name="other"/>, a column already after the phase bins.</summary>
    public double[] DotWith(double[] other)
    {
        var n = _n;
        var before = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            before[i + 1] = before[i] + other[i];
        }

        var weighted = new double[_taus.Length * n];
        for (var t = 0; t < _taus.Length; t++)
        {
            var row = t * n;
            weighted[row + n - 1] = other[n - 1];
            for (var k = n - 2; k >= 0; k--)
            {
                weighted[row + k] = other[k] + _decay[row + k] * weighted[row + k + 1];
            }
        }

        var dots = new double[Count];
        for (var c = 0; c < dots.Length; c++)
        {
            var k = _first[c];
            dots[c] = -before[k] - _factor[c] * weighted[_tauOf[c] * n + k];
        }

        return dots;
    }
}
