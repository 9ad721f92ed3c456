namespace DeployVerifier.Testing;

/// <summary>The lognormal distribution of request latency, and a normal draw for noise.</summary>
internal static class Lognormal
{
    public static double Cdf(double x, double median, double sigma) =>
        double.IsPositiveInfinity(x) ? 1.0 : 0.5 * (1 + Erf(Math.Log(x / median) / (sigma * Math.Sqrt(2))));

    /// <summary>Mean of the distribution: median · e^(σ²/2).</summary>
    public static double Mean(double median, double sigma) => median * Math.Exp(sigma * sigma / 2);

    public static double NextGaussian(Random random, double mean, double standardDeviation)
    {
        // Box-Muller; 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>Abramowitz and Stegun 7.1.26 (error below 1.5e-7): .NET has no erf, and bucket counts are
    /// rounded to whole requests anyway.</summary>
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.3275911 * x));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        return sign * (1.0 - (poly * Math.Exp(-x * x)));
    }
}
