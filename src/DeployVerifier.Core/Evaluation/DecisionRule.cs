namespace DeployVerifier.Evaluation;

/// <summary>The rules that fail a check, as the reports name them (<c>checks[].decidedBy</c>).</summary>
public static class DecisionRule
{
    /// <summary>A threshold check failed more evaluations in a row than its <c>tolerance</c>.</summary>
    public const string Tolerance = "tolerance";

    /// <summary>More than <c>budget.maxFailingShare</c> of the judged evaluations failed, once <c>budget.minEvaluations</c> were judged.</summary>
    public const string Budget = "budget";

    /// <summary>More than <c>failureLimit</c> judged evaluations failed over the soak.</summary>
    public const string FailureLimit = "failureLimit";

    /// <summary>A trend check's sequential test: the forecast reached the limit within the horizon more times in a row than its <c>tolerance</c>.</summary>
    public const string Trend = "trend";

    /// <summary>With <c>perSeries</c> and <c>noData: fail</c>, a series the check saw but could never judge over the whole soak.</summary>
    public const string NoData = "noData";
}
