using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Quantities;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli.Output;

/// <summary>A line per live evaluation, one line per replayed stretch: a replayed day is not 2,880 lines.</summary>
internal sealed class ConsoleProgress(TextWriter output) : ISoakObserver
{
    public void Started(SoakSchedule schedule, bool replaying)
    {
        var soak = PromDuration.Format(schedule.End - schedule.DeployedAt)
            + (schedule.Extension > TimeSpan.Zero ? $" (up to {PromDuration.Format(schedule.MaxEnd - schedule.DeployedAt)} for undecided checks)" : "");
        var how = replaying ? "; evaluations already in the past are replayed from history" : "";
        output.WriteLine($"Soaking the release deployed at {schedule.DeployedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC for {soak}: " +
            $"{schedule.Ticks.Count} evaluations every {PromDuration.Format(schedule.Interval)}{how}.");
    }

    public void Progressed(SoakProgress progress)
    {
        var total = progress.Checks;
        var elapsed = PromDuration.Humanize(progress.To - progress.Schedule.DeployedAt);
        var problems = progress.Latest
            .Where(l => l.Evaluation.Outcome != EvaluationOutcome.Passed)
            .Select(l => $"{l.Check}: {l.Evaluation.Reason}"
                + (progress.Standings.FirstOrDefault(s => s.Check.Name == l.Check)?.Describe() is { } standing ? $" ({standing})" : ""))
            .ToList();
        var detail = problems.Count > 0 ? "; " + string.Join("; ", problems) : "";
        var left = progress.Schedule.End - progress.To;
        var remaining = left > TimeSpan.Zero ? $" ({PromDuration.Humanize(left)} of the soak left)" : "";
        var head = progress.Live
            ? $"[{progress.To.UtcDateTime:HH:mm:ss}] +{elapsed}{remaining}"
            : $"replayed {progress.From.UtcDateTime:HH:mm:ss}–{progress.To.UtcDateTime:HH:mm:ss} ({progress.Evaluations} evaluations, to +{elapsed})";
        output.WriteLine($"{head}: {progress.Passing}/{total} checks passing{detail}");
    }

    public void Extended(IReadOnlyList<(string Check, string Reason)> checks, DateTimeOffset until)
    {
        foreach (var (check, reason) in checks)
        {
            output.WriteLine($"{check} undecided at the soak's end ({reason}): watching up to {until.UtcDateTime:HH:mm:ss} UTC");
        }
    }
}
