using DeployVerifier.Metrics;

namespace DeployVerifier.Evaluation;

/// <summary>The result of one check at one time: the outcome, the deciding value and series, and why in words.</summary>
/// <param name="Time">The evaluation time.</param>
/// <param name="Outcome">The worst outcome over the judged series.</param>
/// <param name="Value">The deciding value (the worst series'), in base units; null when there was none.</param>
/// <param name="Series">The deciding series, named in reports.</param>
/// <param name="Reason">Plain words: what was seen against what bound.</param>
/// <param name="EffectiveMax">The upper bound applied, after the baseline; null when there is none.</param>
/// <param name="Forecast">The deciding series' forecast, for trend checks.</param>
/// <param name="SeriesValues">Every series' value at the evaluation time, judged or not yet (e.g. too young), for charts; finite values only.</param>
public sealed record CheckEvaluation(
    DateTimeOffset Time,
    EvaluationOutcome Outcome,
    double? Value,
    Labels? Series,
    string Reason,
    double? EffectiveMax = null,
    Forecast? Forecast = null,
    IReadOnlyList<KeyValuePair<Labels, double>>? SeriesValues = null)
{
    /// <summary>Not judged only because of the check's own lead-in (every series too young, or a trend without enough history yet): not a gap in the data.</summary>
    public bool WarmingUp { get; init; }

    /// <summary>
    /// The numbers behind <see cref="Reason"/> for whoever checks the judgement (a forecast's range, a test's statistic);
    /// null when the reason says it all. The reports show it on a details line, after the plain sentence.
    /// </summary>
    public string? Details { get; init; }

    /// <summary>The store's answer was partial, so nothing was judged.</summary>
    public bool Partial { get; init; }

    /// <summary>How each series was judged; empty when the result had none (no data, no answer, a partial answer).</summary>
    public IReadOnlyList<SeriesJudgement> Judgements { get; init; } = [];

    /// <summary>Judged (passed or failed), or a trend watching a growth: this evaluation saw the release.</summary>
    public bool Saw => Outcome is EvaluationOutcome.Passed or EvaluationOutcome.Failed || (Outcome == EvaluationOutcome.NotEnoughData && Forecast is not null);
}
