namespace DeployVerifier.Analysis;

/// <summary>The release's pods weighed together (<see cref="TrendAnalysis.Pool"/>): steady growth in all of them at once.</summary>
/// <param name="Statistic">The sum of the pods' leak statistics.</param>
/// <param name="Threshold">The pooled threshold it reached, for that many pods.</param>
/// <param name="Pods">How many pods were weighed.</param>
internal sealed record PooledLeak(double Statistic, double Threshold, int Pods);
