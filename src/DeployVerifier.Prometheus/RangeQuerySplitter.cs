namespace DeployVerifier.Prometheus;

/// <summary>
/// Cuts a range query into pieces the server accepts. Prometheus refuses more than 11,000 steps per series; every
/// piece starts on <c>start + k·step</c> so the merged points are exactly those of one long query.
/// </summary>
internal static class RangeQuerySplitter
{
    /// <summary>Points per piece. The server allows 11,000 steps (11,001 points); staying a point under leaves room for its rounding.</summary>
    public const int MaxPointsPerChunk = 11_000;

    public static IReadOnlyList<RangeChunk> Split(DateTimeOffset start, DateTimeOffset end, TimeSpan step, int maxPointsPerChunk = MaxPointsPerChunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPointsPerChunk, 1);
        if (end < start)
        {
            throw new ArgumentException($"The range ends ({end:O}) before it starts ({start:O}).", nameof(end));
        }

        var points = ((end - start).Ticks / step.Ticks) + 1;
        if (points <= maxPointsPerChunk)
        {
            return [new RangeChunk(start, end)];
        }

        var chunks = new List<RangeChunk>();
        for (long first = 0; first < points; first += maxPointsPerChunk)
        {
            var last = Math.Min(first + maxPointsPerChunk - 1, points - 1);
            var chunkEnd = last == points - 1 ? end : start + (step * last);
            chunks.Add(new RangeChunk(start + (step * first), chunkEnd));
        }

        return chunks;
    }
}
