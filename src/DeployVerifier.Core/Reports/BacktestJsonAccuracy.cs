namespace DeployVerifier.Reports;

/// <summary>
/// The backtest's <c>accuracy</c>: the checklist's figures against the labels, then each check's with its closest calls.
/// Written for readers; a merge counts it again from the rows, never from this.
/// </summary>
internal sealed record BacktestJsonAccuracy(
    string Inconclusive,
    int Labelled,
    int Unlabelled,
    IReadOnlyList<string> RolledBackByVerifier,
    BacktestJsonFigures Checklist,
    IReadOnlyList<BacktestJsonCheckAccuracy> Checks);

/// <summary>The confusion table and what it gives; a figure whose denominator is 0 is null.</summary>
internal sealed record BacktestJsonFigures(
    int Caught,
    int Missed,
    int FalseAlarms,
    int GoodPassed,
    double? Precision,
    double? Recall,
    double? FalseAlarmRate,
    BacktestJsonInterval? FalseAlarmInterval,
    BacktestJsonTimeToDetect TimeToDetect);

internal sealed record BacktestJsonInterval(double Low, double High);

/// <summary>Seconds from the deploy: the median and p90 from five caught releases on, else the values themselves.</summary>
internal sealed record BacktestJsonTimeToDetect(double? Median, double? P90, IReadOnlyList<double> Values);

internal sealed record BacktestJsonCheckAccuracy(
    string Name,
    string Severity,
    IReadOnlyList<string> FalseAlarms,
    IReadOnlyList<string> Catches,
    IReadOnlyList<string> CaughtFirst,
    BacktestJsonFigures Accuracy,
    BacktestJsonClosestCalls ClosestCalls);

internal sealed record BacktestJsonClosestCalls(IReadOnlyList<BacktestJsonCloseCall> Good, IReadOnlyList<BacktestJsonCloseCall> Bad);

internal sealed record BacktestJsonCloseCall(
    string Release,
    int Position,
    double? Value,
    string? ValueDisplay,
    double? Bound,
    string? BoundDisplay,
    double? Headroom,
    double? Margin,
    int FailedEvaluations,
    int Tolerance,
    string? DecidedBy,
    string Text);

/// <summary>Writes a <see cref="BacktestScorecard"/> as the JSON's <c>accuracy</c>.</summary>
internal static class BacktestJsonAccuracyWriter
{
    public static BacktestJsonAccuracy Build(BacktestScorecard scorecard) => new(
        scorecard.Inconclusive == Verdicts.InconclusivePolicy.Warn ? "warn" : "fail",
        scorecard.Checklist.Confusion.Labelled,
        scorecard.Unlabelled,
        scorecard.RolledBackByVerifier,
        Figures(scorecard.Checklist),
        scorecard.Checks.Select(c => new BacktestJsonCheckAccuracy(c.Check, c.Severity, c.FalseAlarms, c.Catches, c.CaughtFirst, Figures(c.Accuracy),
            new BacktestJsonClosestCalls(c.Good.Select(Call).ToList(), c.Bad.Select(Call).ToList()))).ToList());

    private static BacktestJsonFigures Figures(BacktestAccuracy accuracy)
    {
        var table = accuracy.Confusion;
        var time = accuracy.TimeToDetect;
        return new BacktestJsonFigures(table.Caught, table.Missed, table.FalseAlarms, table.GoodPassed, accuracy.Precision, accuracy.Recall,
            accuracy.FalseAlarmRate, accuracy.FalseAlarmInterval is { } i ? new BacktestJsonInterval(i.Low, i.High) : null,
            new BacktestJsonTimeToDetect(time.Median?.TotalSeconds, time.P90?.TotalSeconds, time.Values.Select(v => v.TotalSeconds).ToList()));
    }

    private static BacktestJsonCloseCall Call(BacktestCloseCall call) => new(call.Release, call.Position, call.Value, call.ValueDisplay, call.Bound,
        call.BoundDisplay, call.Headroom, call.Margin, call.FailedEvaluations, call.Tolerance, call.DecidedBy, call.Describe());
}
