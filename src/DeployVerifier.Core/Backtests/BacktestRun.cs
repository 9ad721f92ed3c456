namespace DeployVerifier.Backtests;

/// <summary>How a backtest ended.</summary>
/// <param name="Results">Every release asked for, oldest first: judged, or inconclusive with the reason it was not.</param>
/// <param name="Outage">What Prometheus said when it could not be read after retries; null when it answered throughout.</param>
/// <param name="Cancelled">The backtest was stopped from outside (Ctrl-C, SIGTERM) before every release was judged.</param>
public sealed record BacktestRun(IReadOnlyList<BacktestResult> Results, string? Outage, bool Cancelled);
