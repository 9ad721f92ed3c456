namespace DeployVerifier.Prometheus;

/// <summary>One piece of a split range query; both ends inclusive, as the API treats them.</summary>
internal readonly record struct RangeChunk(DateTimeOffset Start, DateTimeOffset End);
