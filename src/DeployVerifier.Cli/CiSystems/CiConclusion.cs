using DeployVerifier.Cli.Settings;
using DeployVerifier.Reports;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>How the run ended, for the CI system to publish.</summary>
/// <param name="Report">The verdict and everything behind it.</param>
/// <param name="Summary">The Markdown summary, secrets already redacted.</param>
/// <param name="Invocation">What was asked for (deployment id, paths).</param>
/// <param name="JsonReportPath">The JSON report, when it was written.</param>
/// <param name="SummaryPath">The Markdown summary file, when it was written.</param>
/// <param name="Code">The exit code the process will return.</param>
/// <param name="InconclusiveWarned">True when an inconclusive verdict exits 0 because of <c>--inconclusive warn</c>.</param>
internal sealed record CiConclusion(
    ReportContext Report,
    string Summary,
    Invocation Invocation,
    string? JsonReportPath,
    string? SummaryPath,
    ExitCode Code,
    bool InconclusiveWarned);
