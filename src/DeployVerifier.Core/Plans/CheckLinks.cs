namespace DeployVerifier.Plans;

/// <summary>Where to read what to do when a check fails, and where to see its metric; rendered for one run.</summary>
/// <param name="Runbook">The check's <c>runbook</c>, or null.</param>
/// <param name="Dashboard">The check's <c>dashboard</c>, or null.</param>
public sealed record CheckLinks(Uri? Runbook, Uri? Dashboard);
