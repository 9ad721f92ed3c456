using System.Globalization;
using System.Text;
using DeployVerifier.Quantities;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Reports;

/// <summary>
/// The accuracy in words, for the Markdown summary and the HTML page alike: plain characters only (the page's font
/// has no dashes to spare), and a figure that can't be computed written <c>n/a</c> with the reason.
/// </summary>
internal static class BacktestAccuracyText
{
    /// <summary>"an inconclusive verdict blocks (--inconclusive fail)", the policy the table follows.</summary>
    public static string Policy(InconclusivePolicy inconclusive) => inconclusive == InconclusivePolicy.Warn
        ? "an inconclusive verdict lets the release go (--inconclusive warn)"
        : "an inconclusive verdict blocks (--inconclusive fail)";

    /// <summary>"Precision 50 % (1 of 2 blocked), recall …, false-alarm rate … (95 % interval 4.6 % to 69.9 %)".</summary>
    public static string Figures(BacktestAccuracy accuracy)
    {
        var t = accuracy.Confusion;
        return $"precision {Share(accuracy.Precision, accuracy.Undefined("precision"))} ({t.Caught} of {t.Blocked} blocked were bad), "
            + $"recall {Share(accuracy.Recall, accuracy.Undefined("recall"))} ({t.Caught} of {t.Bad} bad caught), "
            + $"false-alarm rate {Share(accuracy.FalseAlarmRate, accuracy.Undefined("falseAlarmRate"))} ({t.FalseAlarms} of {t.Good} good blocked"
            + (accuracy.FalseAlarmInterval is { } i ? $"; 95 % interval {Percent(i.Low)} to {Percent(i.High)})" : ")");
    }

    /// <summary>"median 4 min, p90 9 min" from five caught releases on, else "6 min, 8 min (fewer than 5 caught: the times themselves)".</summary>
    public static string TimeToDetect(TimeToDetect time) => time switch
    {
        { Median: { } median, P90: { } p90 } => $"median {PromDuration.Humanize(median)}, p90 {PromDuration.Humanize(p90)} after the deploy",
        { Values.Count: 0 } => "n/a (nothing caught)",
        _ => $"{string.Join(", ", time.Values.Select(PromDuration.Humanize))} after the deploy "
            + $"(fewer than {Reports.TimeToDetect.MinForStatistics} caught: the times themselves)",
    };

    /// <summary>A share as a percentage, or <c>n/a</c> and why.</summary>
    public static string Share(double? share, string? why) => share is { } s ? Percent(s) : $"n/a ({why})";

    public static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#} %");

    /// <summary>The summary's accuracy section, after the totals; empty when no release is labelled.</summary>
    public static void AppendMarkdown(StringBuilder text, BacktestScorecard scorecard, Func<string, string> escape)
    {
        var checklist = scorecard.Checklist;
        var t = checklist.Confusion;
        if (t.Labelled == 0 && scorecard.RolledBackByVerifier.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("### Accuracy against the labels").AppendLine();
        text.AppendLine($"{t.Labelled} labelled releases counted ({Policy(scorecard.Inconclusive)}; {scorecard.Unlabelled} judged but not counted: "
            + "no label, or a soak not over).").AppendLine();
        text.AppendLine("| Label | Blocked | Let through |").AppendLine("|---|---|---|");
        text.AppendLine($"| bad | {t.Caught} caught | {t.Missed} missed |");
        text.AppendLine($"| good | {t.FalseAlarms} false alarm{(t.FalseAlarms == 1 ? "" : "s")} | {t.GoodPassed} passed |").AppendLine();
        text.AppendLine($"{Capitalised(Figures(checklist))}. Time to detect: {TimeToDetect(checklist.TimeToDetect)}.");
        if (scorecard.RolledBackByVerifier.Count > 0)
        {
            text.AppendLine().AppendLine($"Rolled back by the verifier itself, listed apart and not counted: {escape(string.Join(", ", scorecard.RolledBackByVerifier))}.");
        }

        if (scorecard.Checks.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("| Check | False alarms | Catches (first) | Precision | Recall | False-alarm rate |").AppendLine("|---|---|---|---|---|---|");
        foreach (var check in scorecard.Checks)
        {
            var a = check.Accuracy;
            text.AppendLine($"| {escape(check.Check)}{(check.Severity == "warn" ? " (warn)" : "")} | {Names(check.FalseAlarms, escape)} | "
                + $"{check.Catches.Count} ({check.CaughtFirst.Count} first) | {Share(a.Precision, a.Undefined("precision"))} | "
                + $"{Share(a.Recall, a.Undefined("recall"))} | {Share(a.FalseAlarmRate, a.Undefined("falseAlarmRate"))} |");
        }

        text.AppendLine().AppendLine("Closest calls (good releases nearest to failing, bad ones nearest the bound):").AppendLine();
        foreach (var check in scorecard.Checks)
        {
            text.AppendLine($"- **{escape(check.Check)}**: good: {Calls(check.Good, escape)}; bad: {Calls(check.Bad, escape)}");
        }
    }

    /// <summary>The names, or "0".</summary>
    public static string Names(IReadOnlyList<string> names, Func<string, string> escape) =>
        names.Count == 0 ? "0" : $"{names.Count}: {escape(string.Join(", ", names))}";

    /// <summary>"412 ms against max 500 ms: 18 % headroom; … (release X)", or "none".</summary>
    public static string Calls(IReadOnlyList<BacktestCloseCall> calls, Func<string, string> escape) =>
        calls.Count == 0 ? "none" : string.Join("; ", calls.Select(c => $"{escape(c.Describe())} ({escape(c.Release)})"));

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
