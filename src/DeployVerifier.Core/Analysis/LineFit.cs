namespace DeployVerifier.Analysis;

/// <summary>A robust straight line: slope per second with a confidence interval, and its value at <see cref="Origin"/>.</summary>
internal readonly record struct LineFit(double Slope, double SlopeLower, double SlopeUpper, double Intercept, DateTimeOffset Origin, int Points);
