using System.Text;
using DeployVerifier.Evaluation;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Reports;

/// <summary>
/// The summary a release manager reads in ten seconds: the verdict, why in plain words (value, bound, which pod,
/// since when), a row per check, then the rollback.
/// </summary>
public static class MarkdownSummary
{
    public static string Write(ReportContext context)
    {
        var outcome = context.Outcome;
        var schedule = outcome.Schedule;
        var text = new StringBuilder();
        var headline = ReportText.Headline(outcome, context.Named);
        text.AppendLine($"## {ReportText.Icon(outcome.Verdict)} {headline}").AppendLine();

        var started = $"{schedule.DeployedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";
        var release = context.Release is { Name: { } name } found
            ? $"release `{Escape(name)}` started {started} ({ReportText.FoundBy(found)})"
            : $"deployed {started} (release not identified: the checklist has no release section)";
        var soak = $"{release}, soak {Quantities.PromDuration.Format(schedule.End - schedule.DeployedAt)}";
        var decided = outcome.DecidedAt is { } at ? $", decided at {ReportText.When(at, schedule.DeployedAt)}" : "";
        text.AppendLine($"{soak}{decided}.").AppendLine();

        foreach (var (line, details) in Reasons(outcome))
        {
            text.AppendLine($"- {Escape(line)}");
            if (details is not null)
            {
                text.AppendLine($"  - details: {Escape(details)}");
            }
        }

        var warned = WarnedChecks.Of(outcome.Checks);
        if (warned.Count > 0)
        {
            text.AppendLine().AppendLine($"**Warnings** (severity warn: reported, never blocking):").AppendLine();
            foreach (var result in warned)
            {
                text.AppendLine($"- ⚠️ {Escape(WarnedChecks.Line(result))}");
            }
        }

        text.AppendLine();
        text.AppendLine("| Check | Status | Threshold | Worst | Last | Evaluations |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var result in outcome.Checks)
        {
            var check = result.Check;
            var worst = ReportText.Value(result.Worst, check.Unit) is { } w ? WithSeries(w, result.Worst, check.PerSeries) : "–";
            var last = ReportText.Value(result.Last, check.Unit) ?? "–";
            text.AppendLine($"| {Escape(check.Name)} | {(result.Unfinished ? "⏸️" : result.Check.Severity == Checklists.CheckSeverity.Warn && result.Outcome == CheckOutcome.Failed ? "⚠️" : ReportText.Icon(result.Outcome))} {ReportText.StatusWithRule(result)} | " +
                $"{Escape(ReportText.Threshold(check, result.EffectiveMax))} | {Escape(worst)} | {Escape(last)} | {ReportText.Counts(result.Counts)} |");
        }

        text.AppendLine();
        var rollback = context.Rollback;
        var rollbackLine = !rollback.Attempted ? rollback.Detail : rollback.Succeeded ? $"done: {rollback.Detail}" : $"**failed**: {rollback.Detail}";
        text.AppendLine($"**Rollback:** {Escape(rollbackLine)}");
        if (outcome.Warnings.Count > 0)
        {
            text.AppendLine().AppendLine($"**Prometheus warnings:** {Escape(string.Join("; ", outcome.Warnings))}");
        }

        return text.ToString();
    }

    /// <summary>One line per check that decided the verdict (for a pass, how close each check came), with its numbers for a details line.</summary>
    internal static IEnumerable<(string Line, string? Details)> Reasons(Soak.SoakOutcome outcome)
    {
        foreach (var (check, text, details) in ReportText.Reasons(outcome))
        {
            yield return (check is null ? text : $"**{check}**: {text}", details);
        }
    }

    private static string WithSeries(string value, CheckEvaluation? evaluation, bool perSeries) =>
        perSeries && evaluation?.Series is { } series ? $"{value} ({series.DisplayName})" : value;

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
