using DeployVerifier.Measurements;
using DeployVerifier.Releases;

namespace DeployVerifier.Plans;

/// <summary>
/// What the soak of one release runs: its evaluation times, the checks rendered for it, and the instances that are
/// the release. Made by <see cref="VerificationPlan.ForRelease"/>, run by <c>SoakRunner</c>: the same for verify and backtest.
/// </summary>
/// <param name="Schedule">The evaluation times.</param>
/// <param name="IngestionLag">How long after its time an evaluation is made.</param>
/// <param name="MaxConsecutiveErrors">Evaluations in a row without an answer before a check is marked erroring.</param>
/// <param name="Checks">The checks, rendered for the release.</param>
/// <param name="Target">The release's instances; null when the checklist doesn't identify the release.</param>
public sealed record SoakPlan(SoakSchedule Schedule, TimeSpan IngestionLag, int MaxConsecutiveErrors, IReadOnlyList<RenderedCheck> Checks, ReleaseTarget? Target);
