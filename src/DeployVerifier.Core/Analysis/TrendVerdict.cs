namespace DeployVerifier.Analysis;

/// <summary>What the growth of one pod's series comes to at one look.</summary>
internal enum TrendVerdict
{
    /// <summary>No significant growth beyond the pod's start-up, or growth too slow to reach the limit within the horizon.</summary>
    Steady,

    /// <summary>Growth that levels off below the limit, told apart from steady growth: not a leak.</summary>
    WarmUp,

    /// <summary>Growing towards the limit within the horizon, but not yet told apart from a warm-up.</summary>
    Undecided,

    /// <summary>Steady growth that no warm-up explains, reaching the limit within the horizon.</summary>
    Leak,
}
