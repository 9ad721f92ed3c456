using DeployVerifier.Metrics;

namespace DeployVerifier.Analysis;

/// <summary>
/// Tells growth that levels off (a cache warming up, a start-up) from steady growth: fits an exponential approach
/// <c>y = A − B·e^{−(t − now)/τ}</c> over a grid of time constants and keeps it only when it explains the floor
/// significantly better than a straight line (an F-test, strict because τ is searched). Its asymptote A is where
/// the series levels off.
/// </summary>
internal static class SaturationFit
{
    /// <summary>How many times smaller the curve's squared error must be than the line's.</summary>
    public static double MinImprovement { get; set; } = 3;

    private static readonly double[] TauMinutes = [0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 60];

    /// <summary>The asymptote when the floor is significantly levelling off; null when it looks steady (or falls).</summary>
    public static double? LevelsOffAt(IReadOnlyList<Sample> floor)
    {
        var n = floor.Count;
        if (n < 5)
        {
            return null;
        }

        var now = floor[^1].Time;
        var ages = floor.Select(p => (p.Time - now).TotalSeconds).ToArray();
        var values = floor.Select(p => p.Value).ToArray();
        var lineSse = LeastSquares(ages, values).Sse;

        (double Sse, double Asymptote)? best = null;
        foreach (var minutes in TauMinutes)
        {
            var tau = minutes * 60;
            var x = ages.Select(a => Math.Exp(-a / tau)).ToArray();
            var (slope, intercept, sse) = LeastSquares(x, values);
            // y = A − B·x with B > 0 is an approach from below; anything else is not a levelling-off.
            if (slope < 0 && (best is null || sse < best.Value.Sse))
            {
                best = (sse, intercept);
            }
        }

        if (best is not { } curve || curve.Sse <= 0)
        {
            return best?.Asymptote;
        }

        return lineSse >= MinImprovement * curve.Sse ? curve.Asymptote : null;
    }

    private static (double Slope, double Intercept, double Sse) LeastSquares(double[] x, double[] y)
    {
        var meanX = x.Average();
        var meanY = y.Average();
        double sxx = 0, sxy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
        }

        var slope = sxx > 0 ? sxy / sxx : 0;
        var intercept = meanY - slope * meanX;
        var sse = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var residual = y[i] - (intercept + slope * x[i]);
            sse += residual * residual;
        }

        return (slope, intercept, sse);
    }
}
