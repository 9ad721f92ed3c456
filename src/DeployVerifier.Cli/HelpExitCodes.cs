namespace DeployVerifier.Cli;

/// <summary>
/// The exit codes each verb's <c>--help</c> ends with, from <see cref="ExitCode"/>: a pipeline branches on them, so the
/// help says what they mean where a reader looks first.
/// </summary>
internal static class HelpExitCodes
{
    private const string Internal = "4 internal error (a bug; please report it)";

    /// <summary>The lines for <paramref name="verb"/>; every verb but the overview's has its own.</summary>
    public static IReadOnlyList<string> For(string? verb) => verb switch
    {
        "verify" =>
        [
            "Exit codes:",
            "  0 passed",
            "  1 failed (also with --dry-run or --no-rollback, which call no rollback)",
            "  2 invalid input (flags, environment or checklist); nothing was run",
            "  3 inconclusive: too little evidence, Prometheus unreachable, or cancelled",
            "    (0 with --inconclusive warn)",
            "  " + Internal,
        ],
        "validate" => ["Exit codes:", "  0 valid", "  2 invalid", "  3 Prometheus unreachable", "  " + Internal],
        "plan" => ["Exit codes:", "  0 printed", "  2 invalid input", "  3 Prometheus unreachable when looking the release up (--offline skips it)", "  " + Internal],
        "backtest" or "merge-backtests" =>
        [
            "Exit codes:",
            "  0 every verdict as expected (or no expectation given)",
            "  1 a verdict differs from the one expected, or a bad release was blocked after its deadline",
            "  2 invalid input; nothing was run",
            "  3 Prometheus could not be read, or the run was cancelled",
            "  " + Internal,
        ],
        "tune" =>
        [
            "Exit codes:",
            "  0 the tuned checklist judges every labelled release as labelled (written to --out)",
            "  1 no values do: the releases are named, each with the check that came closest (--out is still written)",
            "  2 invalid input (flags, checklist, releases file, no labels, --out the checklist itself); nothing was written",
            "  3 Prometheus could not be read, or the run was cancelled; nothing was written",
            "  " + Internal,
        ],
        "init" => ["Exit codes:", "  0 written", "  2 invalid input, or --out already exists (nothing is overwritten)", "  " + Internal],
        _ =>
        [
            "Exit codes (verify): 0 passed, 1 failed, 2 invalid input, 3 inconclusive, " + Internal + ".",
        ],
    };
}
