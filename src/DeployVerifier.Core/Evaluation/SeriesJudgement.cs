using DeployVerifier.Metrics;

namespace DeployVerifier.Evaluation;

/// <summary>How one series of a result was judged at one evaluation, so a series that is never judged can be named.</summary>
/// <param name="Labels">The series.</param>
/// <param name="Judged">It was passed or failed, or (a trend) a growth on it is being watched.</param>
/// <param name="WarmingUp">It was not judged only because of the check's own lead-in: younger than <c>minSeriesAge</c>, or too little history for a trend yet.</param>
/// <param name="Reason">Its words, e.g. "pod x: the value is NaN".</param>
public sealed record SeriesJudgement(Labels Labels, bool Judged, bool WarmingUp, string Reason);
