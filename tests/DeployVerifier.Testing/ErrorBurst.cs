namespace DeployVerifier.Testing;

/// <summary>A period, in minutes after the deploy (start inclusive, end exclusive), when the new pods fail
/// <paramref name="Ratio"/> of their requests.</summary>
/// <param name="StartMinute">Minutes after the deploy when the burst starts.</param>
/// <param name="EndMinute">Minutes after the deploy when it ends.</param>
/// <param name="Ratio">Share of requests answered with 500 during the burst.</param>
public sealed record ErrorBurst(double StartMinute, double EndMinute, double Ratio);
