namespace DeployVerifier.Reports;

/// <summary>One check's record over the labelled releases: what it failed, and how near it came.</summary>
/// <param name="Check">The check's name.</param>
/// <param name="Severity"><c>fail</c> or <c>warn</c>: a warn check's failure never blocked a release, but is counted as the check's own alarm.</param>
/// <param name="Accuracy">The check alone as the judge: its own table (a release counts as blocked by it when it failed there) and figures.</param>
/// <param name="FalseAlarms">The good releases it failed, by name.</param>
/// <param name="Catches">The bad releases it failed, by name.</param>
/// <param name="CaughtFirst">Of those, the ones it failed first (the release's failing check).</param>
/// <param name="Good">The good releases it let through, nearest its bound first (at most <see cref="BacktestScorecard.CloseCallsShown"/>).</param>
/// <param name="Bad">The bad releases, nearest its bound first: how far each went past it, or how near it stayed (at most <see cref="BacktestScorecard.CloseCallsShown"/>).</param>
public sealed record BacktestCheckAccuracy(string Check, string Severity, BacktestAccuracy Accuracy, IReadOnlyList<string> FalseAlarms,
    IReadOnlyList<string> Catches, IReadOnlyList<string> CaughtFirst, IReadOnlyList<BacktestCloseCall> Good, IReadOnlyList<BacktestCloseCall> Bad);
