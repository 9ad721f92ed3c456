using DeployVerifier.Evaluation;

namespace DeployVerifier.Notifications;

/// <summary>A check in early warning (or failing): what it saw, in plain words, with the value and the forecast.</summary>
/// <param name="Check">The check's name.</param>
/// <param name="Reason">What was seen against what bound, and how much of the tolerance or budget is used.</param>
/// <param name="Value">The deciding value, in base units.</param>
/// <param name="Forecast">The trend's forecast, if any.</param>
/// <param name="EvaluatedAt">The evaluation time.</param>
public sealed record CheckWarning(string Check, string Reason, double? Value, Forecast? Forecast, DateTimeOffset EvaluatedAt);
