using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Quantities;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Reports;

/// <summary>Words and numbers shared by every report format, so the JSON, Markdown and console agree.</summary>
internal static class ReportText
{
    public static string Verdict(Verdict verdict) => verdict.ToWord();

    public static string Outcome(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "passed",
        CheckOutcome.Failed => "failed",
        CheckOutcome.Error => "error",
        _ => "inconclusive",
    };

    /// <summary>
    /// A check's status for people, in the JSON report's words: its outcome, and "(soak stopped first)" for an
    /// inconclusive check the soak ended before it could be judged (another check decided, or the run was cancelled).
    /// </summary>
    public static string Status(CheckResult result) => result.Unfinished ? $"{Outcome(result.Outcome)} (soak stopped first)" : Outcome(result.Outcome);

    /// <summary>A failed check's status with the rule that failed it in words: "failed (on its first failure)", "failed (3 failures in a row)".</summary>
    public static string StatusWithRule(CheckResult result) =>
        (result.DecidedBy is { } rule ? $"{Status(result)} ({Rule(rule, result.Check)})" : Status(result))
        + (result.Check.Severity == CheckSeverity.Warn ? ", warn only" : "");

    /// <summary>
    /// The rule that failed a check (<see cref="DecisionRule"/>) in words a release manager reads without the checklist:
    /// a tolerance of 0 is "on its first failure", of 2 "3 failures in a row".
    /// </summary>
    public static string Rule(string rule, CheckDefinition check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var inARow = check.Tolerance == 0 ? "on its first failure" : $"{check.Tolerance + 1} failures in a row";
        return rule switch
        {
            DecisionRule.Tolerance => inARow,
            DecisionRule.Trend => check.Tolerance == 0 ? "leak forecast, on its first failure" : $"leak forecast, {check.Tolerance + 1} times in a row",
            DecisionRule.Budget => "over its failure budget",
            DecisionRule.FailureLimit => "over its failure limit",
            DecisionRule.NoData => "a series never judged",
            _ => rule,
        };
    }

    /// <summary>The evaluations in words, zeros left out: "52 passed, 3 failed, 5 not enough data".</summary>
    public static string Counts(EvaluationCounts counts)
    {
        var parts = new (int Count, string What)[]
        {
            (counts.Passed, "passed"), (counts.Failed, "failed"), (counts.NoAnswer, "no answer"), (counts.NotEnoughData, "not enough data"),
        }.Where(p => p.Count > 0).Select(p => $"{p.Count} {p.What}").ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    public static string Unit(QuantityUnit unit) => unit.ToString().ToLowerInvariant();

    public static string Threshold(CheckDefinition check, double? effectiveMax = null)
    {
        var parts = new List<string>();
        if (check.Kind == CheckKind.Trend && check.Trend is { } trend)
        {
            var limit = trend.Limit is { } fixedLimit ? Quantity.Format(fixedLimit, check.Unit) : "its limit";
            parts.Add($"not to reach {limit} within {PromDuration.Humanize(trend.Horizon)}");
        }

        if (check.Threshold.Max is { } max)
        {
            var relaxed = effectiveMax is { } e && e > max ? $" ({Quantity.Format(e, check.Unit)} after baseline)" : "";
            parts.Add($"≤ {Quantity.Format(max, check.Unit)}{relaxed}");
        }
        else if (effectiveMax is { } baselineOnly)
        {
            parts.Add($"≤ {Quantity.Format(baselineOnly, check.Unit)} (baseline)");
        }

        if (check.Threshold.Min is { } min)
        {
            parts.Add($"≥ {Quantity.Format(min, check.Unit)}");
        }

        return string.Join(", ", parts);
    }

    public static string? Value(CheckEvaluation? evaluation, QuantityUnit unit) =>
        evaluation?.Value is { } value ? Quantity.Format(value, unit) : null;

    public static string Icon(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "✅",
        CheckOutcome.Failed => "❌",
        _ => "⚠️",
    };

    public static string Icon(Verdict verdict) => verdict switch
    {
        Verdicts.Verdict.Passed => "✅",
        Verdicts.Verdict.Failed => "❌",
        _ => "⚠️",
    };

    /// <summary>"14:05:30 UTC (20 min after the deploy)".</summary>
    public static string When(DateTimeOffset time, DateTimeOffset deployedAt) =>
        $"{time.UtcDateTime:HH:mm:ss} UTC ({PromDuration.Humanize(time - deployedAt)} after the deploy)";

    /// <summary>
    /// The verdict as a headline naming what was judged: "checkout (namespace shop): release checkout-7d9f failed verification".
    /// The verdict's word is the JSON report's (<c>passed</c>, <c>failed</c>, <c>inconclusive</c>).
    /// </summary>
    public static string Headline(SoakOutcome outcome, Releases.ReleaseSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var verdict = outcome.Verdict switch
        {
            Verdicts.Verdict.Passed => "passed verification",
            Verdicts.Verdict.Failed => "failed verification",
            _ => outcome.Cancelled ? "inconclusive: the verification was cancelled" : "inconclusive: it could not be judged",
        };
        return $"{subject.Title()} {verdict}";
    }

    /// <summary>
    /// One line per check that decided the verdict (for a pass, every check: how close it came), with the check's
    /// name apart so each format can set it off, and the numbers behind it (<see cref="CheckResult.Details"/>) apart
    /// for a details line; a cancelled soak adds a line without a check.
    /// </summary>
    public static IEnumerable<(string? Check, string Text, string? Details)> Reasons(SoakOutcome outcome)
    {
        var deployedAt = outcome.Schedule.DeployedAt;
        var deciding = outcome.Verdict switch
        {
            Verdicts.Verdict.Failed => outcome.FailedBlocking,
            Verdicts.Verdict.Inconclusive => outcome.Checks.Where(c => c.Blocks && c.Outcome != CheckOutcome.Passed),
            _ => outcome.Checks.Where(c => c.Blocks || c.Outcome == CheckOutcome.Passed),
        };
        foreach (var result in deciding)
        {
            if (outcome.Verdict == Verdicts.Verdict.Passed)
            {
                // For a pass, how close each check came: its worst evaluation's words.
                var closest = result.Worst is { } worst ? $"closest at {worst.Time.UtcDateTime:HH:mm:ss}: {worst.Reason}" : result.Reason;
                yield return (result.Check.Name, closest, null);
                continue;
            }

            var since = result.FirstFailureAt is { } first ? $", failing since {When(first, deployedAt)}" : "";
            yield return (result.Check.Name, result.Reason + since, result.Details);
        }

        if (outcome.Cancelled)
        {
            yield return (null, "the soak was cancelled: no rollback was called", null);
        }
    }

    /// <summary>How the release was found, in words.</summary>
    public static string FoundBy(Releases.ReleaseInfo release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.FoundBy switch
        {
            Releases.ReleaseInfo.ByDeployedAt when release.DeployedAtGiven == release.StartedAt => "found at --deployed-at",
            Releases.ReleaseInfo.ByDeployedAt => $"the newest release started within 5 min of --deployed-at {release.DeployedAtGiven?.UtcDateTime:HH:mm:ss}",
            Releases.ReleaseInfo.ByInstancesSince =>
                $"no release started within 5 min of --deployed-at {release.DeployedAtGiven?.UtcDateTime:HH:mm:ss}; its instances started since, judged from --deployed-at",
            Releases.ReleaseInfo.ByLatest => "the newest release with instances",
            _ => "not identified",
        };
    }
}
