namespace DeployVerifier.Evaluation;

/// <summary>A check's evaluations by what they came to; the four add up to all of its evaluations.</summary>
/// <param name="Passed">Judged and within bounds (an empty result too, with <c>noData: pass</c>).</param>
/// <param name="Failed">Judged and out of bounds (an empty result too, with <c>noData: fail</c>).</param>
/// <param name="NoAnswer">The store gave no answer (after retries).</param>
/// <param name="NotEnoughData">The store answered, but with too little to judge: an empty result, NaN, too little evidence, series too young, a trend still gathering or watching, or a partial answer.</param>
public sealed record EvaluationCounts(int Passed, int Failed, int NoAnswer, int NotEnoughData)
{
    public static EvaluationCounts None { get; } = new(0, 0, 0, 0);

    /// <summary>Passed and failed evaluations: the ones a failure budget is a share of.</summary>
    public int Judged => Passed + Failed;

    public int Total => Passed + Failed + NoAnswer + NotEnoughData;
}
