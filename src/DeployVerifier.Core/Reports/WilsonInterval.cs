namespace DeployVerifier.Reports;

/// <summary>The Wilson score interval of a proportion: where the true rate lies, at 95 % confidence, given few releases.</summary>
/// <param name="Low">The lower bound, from 0.</param>
/// <param name="High">The upper bound, up to 1.</param>
public sealed record WilsonInterval(double Low, double High)
{
    /// <summary>The normal quantile of a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959964;

    /// <summary>The interval of <paramref name="successes"/> in <paramref name="trials"/>; null when there are no trials.</summary>
    public static WilsonInterval? Of(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return null;
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        return new WilsonInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
