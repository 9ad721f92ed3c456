namespace DeployVerifier.Metrics;

/// <summary>A series as a query returned it: labels and samples in time order.</summary>
public sealed record Series(Labels Labels, IReadOnlyList<Sample> Samples);
