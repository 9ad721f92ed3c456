namespace DeployVerifier.Analysis;

/// <summary>
/// The leak columns of <see cref="LeakTest"/>'s grid (steady growth from an onset o, <c>max(0, x − o)</c>), with the
/// sums its fits need after the phase bins, worked out from running sums rather than column by column. A column is
/// zero before its first sample k and <c>x − o</c> from k on, so each sum is a suffix sum from k of x, x², y·x, y and
/// (per phase bin) x and 1, shifted by o. The onsets are taken from the last to the first so that the suffix sums only
/// ever grow (no total is subtracted from). A look costs O(onsets × (bins + settles) + samples × settles), not
/// O(onsets × samples).
/// </summary>
internal sealed class OnsetGrid
{
    /// <param name="x">The samples' times, in minutes before now (ascending, the last 0).</param>
    /// <param name="y">The samples' values after the phase bins.</param>
    /// <param name="bins">Each sample's phase bin.</param>
    /// <param name="others">Columns already after the phase bins (the start-up settling) whose dot products with every
    /// onset's column are needed.</param>
    /// <param name="step">The step between onsets, in minutes, from the first sample on.</param>
    /// <param name="last">Onsets stop before this time (minutes before now).</param>
    public OnsetGrid(double[] x, double[] y, int[] bins, double[][] others, double step, double last)
    {
        var onsets = new List<double>();
        for (var onset = x[0]; onset < last; onset += step)
        {
            onsets.Add(onset);
        }

        Onsets = [.. onsets];
        var count = Onsets.Length;
        SumSquares = new double[count];
        SumY = new double[count];
        Crossed = new double[others.Length][];
        for (var c = 0; c < others.Length; c++)
        {
            Crossed[c] = new double[count];
        }

        var binCount = bins.Max() + 1;
        var perBin = new int[binCount];
        foreach (var b in bins)
        {
            perBin[b]++;
        }

        // Suffix sums from sample k on.
        double size = 0, sx = 0, sxx = 0, sy = 0, sxy = 0;
        var binX = new double[binCount];
        var binSize = new double[binCount];
        var otherSum = new double[others.Length];
        var otherX = new double[others.Length];
        var k = x.Length;
        for (var j = count - 1; j >= 0; j--)
        {
            var onset = Onsets[j];
            // The column is zero where x ≤ o: its first sample is the first after the onset.
            while (k > 0 && x[k - 1] > onset)
            {
                k--;
                size++;
                sx += x[k];
                sxx += x[k] * x[k];
                sy += y[k];
                sxy += x[k] * y[k];
                binX[bins[k]] += x[k];
                binSize[bins[k]]++;
                for (var c = 0; c < others.Length; c++)
                {
                    otherSum[c] += others[c][k];
                    otherX[c] += others[c][k] * x[k];
                }
            }

            var explained = 0.0;
            for (var b = 0; b < binCount; b++)
            {
                var binSum = binX[b] - onset * binSize[b];
                explained += binSum * binSum / perBin[b];
            }

            SumSquares[j] = Math.Max(sxx - 2 * onset * sx + onset * onset * size - explained, 0);
            // The values are already after the bins, so the column's own bin means fall out of its dot product with them.
            SumY[j] = sxy - onset * sy;
            for (var c = 0; c < others.Length; c++)
            {
                Crossed[c][j] = otherX[c] - onset * otherSum[c];
            }
        }
    }

    /// <summary>Each column's onset, in minutes before now, in time order.</summary>
    public double[] Onsets { get; }

    /// <summary>Each column's sum of squares after the phase bins.</summary>
    public double[] SumSquares { get; }

    /// <summary>Each column's dot product with the values after the phase bins.</summary>
    public double[] SumY { get; }

    /// <summary>Per other column, its dot product with each onset's column.</summary>
    public double[][] Crossed { get; }

    /// <summary>The column of <paramref name="onset"/> before the phase bins.</summary>
    public static double[] Raw(double[] x, double onset) => Array.ConvertAll(x, v => Math.Max(0, v - onset));
}
