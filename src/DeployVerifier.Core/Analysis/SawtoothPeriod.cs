namespace DeployVerifier.Analysis;

/// <summary>
/// Finds the garbage-collection cycle of a memory series from its steps: each cycle is a steady climb and one drop,
/// so the steps repeat with the cycle's length and their autocorrelation peaks there. A phase bin per step of the
/// cycle then takes the sawtooth out exactly, and every sample is one independent reading of the level underneath.
/// </summary>
internal static class SawtoothPeriod
{
    /// <summary>The longest cycle looked for, in steps (10 minutes at 15 s).</summary>
    public const int MaxSteps = 40;

    /// <summary>The least autocorrelation of the steps at the cycle's length that counts as a sawtooth.</summary>
    public const double MinCorrelation = 0.25;

    /// <summary>The cycle's length in steps, or null when the steps do not repeat (no sawtooth, or too short a history).</summary>
    /// <param name="values">Readings one step apart; NaN where a step has no reading.</param>
    public static int? Of(IReadOnlyList<double> values)
    {
        var steps = new double[values.Count - 1];
        for (var i = 0; i + 1 < values.Count; i++)
        {
            steps[i] = values[i + 1] - values[i];
        }

        var known = steps.Where(double.IsFinite).ToList();
        // A cycle is seen once two of its drops are: from about one and a half cycles of history.
        var maxLag = Math.Min(MaxSteps, steps.Length * 2 / 3);
        if (known.Count < 12 || maxLag < 2)
        {
            return null;
        }

        var mean = known.Average();
        var variance = known.Sum(s => (s - mean) * (s - mean)) / known.Count;
        if (variance <= 0)
        {
            return null;
        }

        var correlation = new double[maxLag + 1];
        var pairs = new int[maxLag + 1];
        for (var lag = 2; lag <= maxLag; lag++)
        {
            double sum = 0;
            var count = 0;
            for (var i = 0; i + lag < steps.Length; i++)
            {
                if (double.IsFinite(steps[i]) && double.IsFinite(steps[i + lag]))
                {
                    sum += (steps[i] - mean) * (steps[i + lag] - mean);
                    count++;
                }
            }

            correlation[lag] = count > 0 ? sum / count / variance : 0;
            pairs[lag] = count;
        }

        var best = 2;
        for (var lag = 3; lag <= maxLag; lag++)
        {
            if (correlation[lag] > correlation[best])
            {
                best = lag;
            }
        }

        // White steps correlate by chance up to about 3/√n over n pairs; a cycle must stand well above that.
        if (correlation[best] < Math.Max(MinCorrelation, 3 / Math.Sqrt(pairs[best])))
        {
            return null;
        }

        // Two or three cycles repeat as well as one: keep the shortest length that correlates nearly as well.
        for (var divisor = 4; divisor >= 2; divisor--)
        {
            if (best % divisor == 0 && best / divisor >= 2 && correlation[best / divisor] >= 0.7 * correlation[best])
            {
                return best / divisor;
            }
        }

        return best;
    }
}
