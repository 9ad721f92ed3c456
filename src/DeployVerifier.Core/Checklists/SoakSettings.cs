namespace DeployVerifier.Checklists;

/// <summary>When evaluations happen.</summary>
/// <param name="Duration">How long after the deploy the release is watched; default 30 minutes.</param>
/// <param name="Interval">Time between evaluations; default 30 seconds.</param>
/// <param name="WarmUp">Time after the deploy before the first evaluation; default 1 minute.</param>
/// <param name="IngestionLag">A live evaluation at time t is made once t + lag has passed; default 30 seconds.</param>
/// <param name="MaxConsecutiveErrors">Evaluations in a row without an answer that make the verdict inconclusive; default 3.</param>
public sealed record SoakSettings(TimeSpan Duration, TimeSpan Interval, TimeSpan WarmUp, TimeSpan IngestionLag, int MaxConsecutiveErrors)
{
    /// <summary>
    /// How much longer the soak may watch checks that have data but are still undecided at its end (a growth not yet
    /// significant, a failing run within its tolerance); default zero (off).
    /// </summary>
    public TimeSpan Extension { get; init; }
}
