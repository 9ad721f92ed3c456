namespace DeployVerifier.Metrics;

/// <summary>One value of a series at one time. The value may be NaN or infinite: Prometheus returns them.</summary>
public readonly record struct Sample(DateTimeOffset Time, double Value);
