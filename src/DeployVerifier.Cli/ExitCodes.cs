using DeployVerifier.Cli.Settings;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Cli;

/// <summary>How a verdict ends the step: 0 passed, 1 failed, 3 inconclusive (0 with <c>--inconclusive warn</c>, which then warns).</summary>
internal static class ExitCodes
{
    public static (ExitCode Code, bool InconclusiveWarned) From(Verdict verdict, InconclusivePolicy inconclusive)
    {
        var warned = verdict == Verdict.Inconclusive && inconclusive == InconclusivePolicy.Warn;
        return (verdict switch
        {
            Verdict.Passed => ExitCode.Passed,
            Verdict.Failed => ExitCode.Failed,
            _ => warned ? ExitCode.Passed : ExitCode.Inconclusive,
        }, warned);
    }
}
