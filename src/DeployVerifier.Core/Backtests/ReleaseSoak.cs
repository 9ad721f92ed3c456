using DeployVerifier.Plans;

namespace DeployVerifier.Backtests;

/// <summary>The soak <c>verify</c> would have run for one past release, prepared once and run as often as needed.</summary>
/// <param name="Candidate">The release and its neighbours.</param>
/// <param name="Plan">The soak: its schedule cut at the next release's start or at now; null when nothing could be evaluated.</param>
/// <param name="Superseded">The next release started before this one's soak ended.</param>
/// <param name="NotFinished">Its soak is not over by now.</param>
/// <param name="Bound">The last evaluation judged.</param>
/// <param name="End">When its whole soak ends.</param>
internal sealed record ReleaseSoak(BacktestCandidate Candidate, SoakPlan? Plan, bool Superseded, bool NotFinished, DateTimeOffset Bound, DateTimeOffset End)
{
    /// <summary>The result when nothing could be evaluated (<see cref="Plan"/> is null).</summary>
    public BacktestResult? Unjudged { get; init; }
}
