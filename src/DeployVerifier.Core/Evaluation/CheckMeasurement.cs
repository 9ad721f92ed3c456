namespace DeployVerifier.Evaluation;

/// <summary>Everything one check is judged on at one evaluation time.</summary>
/// <param name="Time">The evaluation time; no data after it is included.</param>
/// <param name="Series">The series of the result (after leaving out the previous version's, where asked).</param>
/// <param name="Baseline">The query's level before the deploy, when the check has a baseline and it had data.</param>
/// <param name="Error">Why the store gave no answer, when it did not.</param>
/// <param name="Partial">The store's warning when its answer for this time was partial (e.g. Thanos "partial response"): not a full answer, so not judged.</param>
/// <param name="FleetStableSince">
/// For a redundancy check: since when the number of series has been what it is now, looked back over the check's
/// <c>redundancy.warmUp</c> (its start when it has been stable all that time).
/// </param>
public sealed record CheckMeasurement(DateTimeOffset Time, IReadOnlyList<SeriesMeasurement> Series, double? Baseline = null, string? Error = null,
    string? Partial = null, DateTimeOffset? FleetStableSince = null);
