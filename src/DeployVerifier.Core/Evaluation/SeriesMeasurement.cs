using DeployVerifier.Metrics;

namespace DeployVerifier.Evaluation;

/// <summary>What is known about one series at one evaluation time; only data up to that time.</summary>
/// <param name="Labels">The series' labels.</param>
/// <param name="Value">The query's value at the evaluation time (NaN when the series has no sample there).</param>
/// <param name="FirstSeen">The series' first sample since the deploy, for its age.</param>
/// <param name="Evidence">The evidence query's value for this series (or the whole result), when the check has one.</param>
/// <param name="Limit">The limit for this series, for trend checks.</param>
/// <param name="History">Samples up to the evaluation time over the trend window, for trend checks; otherwise empty.</param>
public sealed record SeriesMeasurement(
    Labels Labels,
    double Value,
    DateTimeOffset FirstSeen,
    double? Evidence = null,
    double? Limit = null,
    IReadOnlyList<Sample>? History = null);
