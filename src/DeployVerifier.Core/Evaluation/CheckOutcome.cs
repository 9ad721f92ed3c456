namespace DeployVerifier.Evaluation;

/// <summary>A check's outcome over the soak, in worst-wins order.</summary>
public enum CheckOutcome
{
    /// <summary>Judged with enough data and never failed beyond its tolerance.</summary>
    Passed,

    /// <summary>Could not be judged: no data, not enough data, or still pending when the soak stopped.</summary>
    Inconclusive,

    /// <summary>The store gave no answer too many times in a row.</summary>
    Error,

    /// <summary>Failed more consecutive evaluations than it tolerates.</summary>
    Failed,
}
