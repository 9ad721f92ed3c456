namespace DeployVerifier.Analysis;

/// <summary>
/// The warm-up columns of <see cref="LeakTest"/>'s grid (a cache filling from t₀ with time constant τ,
/// <c>−e^{−(x − t₀)/τ}</c> from t₀ and −1 before), with the sums its fits need after the phase bins, worked out from
/// running sums rather than column by column. For one τ every column is the same decay scaled by <c>e^{−(x_k − t₀)/τ}</c>
/// from its first sample k on, so a sum over a column is a prefix sum before k plus that factor times a suffix sum
/// from k, each suffix sum built by the recursion <c>F(k) = w_k + e^{−(x_{k+1} − x_k)/τ}·F(k+1)</c> (every factor at
/// most 1, so nothing overflows), all τ in one pass from the last sample back. A look costs
/// O(grid × bins + τs × samples × bins), not O(grid × samples).
/// </summary>
internal sealed class WarmUpGrid
{
    private readonly int _n;
    private readonly int _tauCount;
    private readonly int[] _first;
    private readonly double[] _starts;
    private readonly double[] _tauValues;
    private readonly double[] _factor;
    private readonly double[] _decay;
    private readonly int _decayFrom;

    /// <param name="x">The samples' times, in minutes before now (ascending, the last 0).</param>
    /// <param name="y">The samples' values after the phase bins.</param>
    /// <param name="bins">Each sample's phase bin.</param>
    /// <param name="taus">The warm-up time constants, in minutes.</param>
    /// <param name="firstStart">The earliest start: the pod's start or the first sample, whichever is later.</param>
    /// <param name="startStep">The step between starts, in minutes.</param>
    public WarmUpGrid(double[] x, double[] y, int[] bins, double[] taus, double firstStart, double startStep)
    {
        var n = _n = x.Length;
        _tauCount = taus.Length;
        var binCount = bins.Max() + 1;
        var perBin = new int[binCount];
        foreach (var b in bins)
        {
            perBin[b]++;
        }

        // The starts and their first samples are the same for every τ. Every start before the first sample draws the
        // same curve there: the first sample stands for them all.
        var starts = new List<double>();
        var first = new List<int>();
        var k0 = 0;
        for (var t0 = firstStart; t0 < -startStep / 2; t0 += startStep)
        {
            while (x[k0] < t0)
            {
                k0++;
            }

            starts.Add(t0);
            first.Add(k0);
        }

        _first = [.. first];
        _starts = [.. starts];
        _tauValues = taus;
        var count = starts.Count;
        Count = _tauCount * count;
        var buffers = LookBuffers.Current;
        SumSquares = buffers.Get(LookBuffers.Slot.WarmUpSumSquares, Count);
        SumY = buffers.Get(LookBuffers.Slot.WarmUpSumY, Count);
        _factor = buffers.Get(LookBuffers.Slot.WarmUpFactor, Count);
        _decay = buffers.Get(LookBuffers.Slot.WarmUpDecay, _tauCount * n);

        var before = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            before[i + 1] = before[i] + y[i];
        }

        // Suffix sums from sample k on, per τ: of the decay squared, of the decay times y, and of the decay per bin.
        var squares = new double[_tauCount];
        var weighted = new double[_tauCount];
        var byBin = new double[_tauCount * binCount];
        var suffixCount = new int[binCount];
        // A start's factor depends on its distance to its first sample, which repeats with the sampling: reused per τ.
        Span<double> lastGap = stackalloc double[_tauCount];
        Span<double> lastFactor = stackalloc double[_tauCount];
        lastGap.Fill(double.NaN);
        var j = count - 1;
        for (var k = n - 1; k >= 0 && j >= 0; k--)
        {
            suffixCount[bins[k]]++;
            for (var t = 0; t < _tauCount; t++)
            {
                var decay = _decay[t * n + k] = k + 1 < n ? DecayOver(x, k, taus[t], t) : 0;
                squares[t] = 1 + decay * decay * squares[t];
                weighted[t] = y[k] + decay * weighted[t];
                var row = t * binCount;
                for (var b = 0; b < binCount; b++)
                {
                    byBin[row + b] *= decay;
                }

                byBin[row + bins[k]] += 1;
            }

            for (; j >= 0 && _first[j] == k; j--)
            {
                for (var t = 0; t < _tauCount; t++)
                {
                    var c = t * count + j;
                    var gap = x[k] - _starts[j];
                    if (gap != lastGap[t])
                    {
                        lastGap[t] = gap;
                        lastFactor[t] = Math.Exp(-gap / taus[t]);
                    }

                    var f = _factor[c] = lastFactor[t];
                    var explained = 0.0;
                    for (var b = 0; b < binCount; b++)
                    {
                        var binSum = -(perBin[b] - suffixCount[b]) - f * byBin[t * binCount + b];
                        explained += binSum * binSum / perBin[b];
                    }

                    SumSquares[c] = k + f * f * squares[t] - explained;
                    SumY[c] = -before[k] - f * weighted[t];
                }
            }
        }

        // The pass stopped at the first start's sample; DotWith walks as far and no further.
        _decayFrom = count > 0 ? _first[0] : n;
    }

    /// <summary>How many columns: every time constant with every start, τ by τ, starts in time order.</summary>
    public int Count { get; }

    /// <summary>Each column's sum of squares after the phase bins (the first <see cref="Count"/> entries).</summary>
    public double[] SumSquares { get; }

    /// <summary>Each column's dot product with the values after the phase bins (the first <see cref="Count"/> entries).</summary>
    public double[] SumY { get; }

    /// <summary>How much a unit of column <paramref name="c"/> still has to grow after now (worked out when asked: few are).</summary>
    public double Remaining(int c) => Math.Exp(_starts[c % _starts.Length] / _tauValues[c / _starts.Length]);

    /// <summary>Each column's dot product with <paramref name="other"/>, a column already after the phase bins.</summary>
    /// <param name="other">The other column.</param>
    /// <param name="dots">Receives the dot products, one per column (at least <see cref="Count"/> long).</param>
    public void DotWith(double[] other, double[] dots)
    {
        var n = _n;
        var count = _first.Length;
        // Per τ the decayed suffix sum from sample k on; the τs' chains are independent, so they run side by side.
        Span<double> suffix = stackalloc double[_tauCount];
        var before = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            before[i + 1] = before[i] + other[i];
        }

        var j = count - 1;
        for (var k = n - 1; k >= _decayFrom && j >= 0; k--)
        {
            for (var t = 0; t < suffix.Length; t++)
            {
                suffix[t] = other[k] + _decay[t * n + k] * suffix[t];
            }

            for (; j >= 0 && _first[j] == k; j--)
            {
                for (var t = 0; t < suffix.Length; t++)
                {
                    var c = t * count + j;
                    dots[c] = -before[k] - _factor[c] * suffix[t];
                }
            }
        }
    }

    /// <summary><c>e^{−(x_{k+1} − x_k)/τ}</c>, reused while the spacing repeats (it mostly does: one scrape interval).</summary>
    private double DecayOver(double[] x, int k, double tau, int t)
    {
        var gap = x[k + 1] - x[k];
        if (k + 2 < _n && x[k + 2] - x[k + 1] == gap)
        {
            return _decay[t * _n + k + 1];
        }

        return Math.Exp(-gap / tau);
    }
}
