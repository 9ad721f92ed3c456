namespace DeployVerifier.Measurements;

/// <summary>
/// A partial answer: a warning with "partial response" (Thanos, Cortex, Mimir, VictoriaMetrics when a store or shard
/// did not answer). Such data is not a full answer, so the evaluations it covers are not judged; a range answer's
/// warning covers its whole range.
/// </summary>
internal static class PartialAnswers
{
    /// <summary>Whether a warning says the answer is partial.</summary>
    public static bool IsPartial(string warning) => warning.Contains("partial response", StringComparison.OrdinalIgnoreCase);
}
