using DeployVerifier.Backtests;
using DeployVerifier.Quantities;

namespace DeployVerifier.Cli.Output;

/// <summary>One line per release as it is judged, and for a long backtest a progress line every tenth of the way.</summary>
internal sealed class BacktestConsole(TextWriter output) : IBacktestObserver
{
    /// <summary>Backtests of more releases than this get progress lines: 20.</summary>
    private const int ProgressFrom = 20;

    private readonly Lock _lock = new();

    public void Judged(BacktestResult result, int judged, int total)
    {
        var start = result.Candidate.Release.StartedAt;
        var decided = result.DecidedAt is { } at ? $" after {PromDuration.Humanize(at - start)}" : "";
        var line = $"{start.UtcDateTime:yyyy-MM-dd HH:mm:ss} {result.Candidate.Name}: {result.Verdict.ToWord()}{decided}{Expectation(result)}: {result.Reason}";
        lock (_lock)
        {
            output.WriteLine(line);
            if (total > ProgressFrom && (judged * 10 / total) > ((judged - 1) * 10 / total))
            {
                output.WriteLine($"… {judged} of {total} releases judged");
            }
        }
    }

    /// <summary>How the verdict stands against the expected one, with its deadline where the line gives one.</summary>
    private static string Expectation(BacktestResult result)
    {
        if (result.Expected is not { } expected)
        {
            return "";
        }

        var words = ReleaseDeadline.Words(expected, result.Deadline);
        if (result.Disagrees)
        {
            return $" — DISAGREES: expected {words}{(result.Late is { } late ? $" ({late})" : "")}";
        }

        return result.InTime is { } met ? $" (as expected: {words}; {met})" : " (as expected)";
    }
}
