namespace DeployVerifier.Testing;

/// <summary>Full paths of the Prometheus server and its command-line tool.</summary>
/// <param name="Prometheus">Path of <c>prometheus</c>.</param>
/// <param name="Promtool">Path of <c>promtool</c>.</param>
public sealed record PrometheusBinaries(string Prometheus, string Promtool);
