namespace DeployVerifier.Reports;

/// <summary>
/// How well a checklist (or one check) tells bad releases from good ones, from its confusion table: precision, recall,
/// the false-alarm rate with its 95 % Wilson interval, and the time to detect. A figure whose denominator is 0 is null,
/// and <see cref="Undefined"/> says why.
/// </summary>
/// <param name="Confusion">The counts every figure is computed from.</param>
/// <param name="TimeToDetect">From each caught release's start to its verdict.</param>
public sealed record BacktestAccuracy(BacktestConfusion Confusion, TimeToDetect TimeToDetect)
{
    /// <summary>Caught / (caught + false alarms): of the releases blocked, the share that were bad; null when none was blocked.</summary>
    public double? Precision => Ratio(Confusion.Caught, Confusion.Blocked);

    /// <summary>Caught / bad: of the bad releases, the share blocked; null when none is labelled bad.</summary>
    public double? Recall => Ratio(Confusion.Caught, Confusion.Bad);

    /// <summary>False alarms / good: of the good releases, the share blocked; null when none is labelled good.</summary>
    public double? FalseAlarmRate => Ratio(Confusion.FalseAlarms, Confusion.Good);

    /// <summary>The 95 % Wilson score interval of <see cref="FalseAlarmRate"/>; null when none is labelled good.</summary>
    public WilsonInterval? FalseAlarmInterval => WilsonInterval.Of(Confusion.FalseAlarms, Confusion.Good);

    /// <summary>Why a figure is null, in words for the text reports: <c>precision</c>, <c>recall</c> or <c>falseAlarmRate</c>.</summary>
    public string? Undefined(string figure) => figure switch
    {
        "precision" when Precision is null => "no labelled release was blocked",
        "recall" when Recall is null => "no release is labelled bad",
        "falseAlarmRate" when FalseAlarmRate is null => "no release is labelled good",
        _ => null,
    };

    private static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
