using DeployVerifier.Reports;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>The sentences every CI system shares, so GitHub, Azure and the console say the same thing.</summary>
internal static class CiText
{
    public static string InconclusiveWarning(ReportContext report) =>
        $"the verdict is inconclusive ({report.Outcome.Reason}); the step passes because of --inconclusive warn";

    /// <summary>One line for a status or a completion message: "failed: restarts: 4 restarts in pod x".</summary>
    public static string Headline(ReportContext report) => $"{Verdict(report.Outcome.Verdict)}: {report.Outcome.Reason}";

    public static string Verdict(Verdicts.Verdict verdict) => verdict.ToWord();

    /// <summary>One line per warn-severity check that failed: reported as a warning, never blocking.</summary>
    public static IReadOnlyList<string> Warned(ReportContext report) =>
        WarnedChecks.Of(report.Outcome.Checks).Select(WarnedChecks.Line).ToList();

    public static string? DecidedAt(ReportContext report) =>
        (report.Outcome.DecidedAt is { } decided ? Quantities.Rfc3339.Format(decided) : null);
}
