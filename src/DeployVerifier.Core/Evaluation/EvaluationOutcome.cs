namespace DeployVerifier.Evaluation;

/// <summary>The outcome of one evaluation of one check, in worst-wins order.</summary>
public enum EvaluationOutcome
{
    /// <summary>Every judged series is within its bounds.</summary>
    Passed,

    /// <summary>There is data, but less than the check needs to judge (few requests, a young pod, NaN).</summary>
    NotEnoughData,

    /// <summary>The query returned nothing.</summary>
    NoData,

    /// <summary>The store gave no answer (after retries).</summary>
    Error,

    /// <summary>A bound is exceeded.</summary>
    Failed,
}
