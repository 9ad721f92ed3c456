using DeployVerifier.Evaluation;
using DeployVerifier.Quantities;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Notifications;

/// <summary>The words the chat messages and the status webhook share: the verdict first, then the reason in plain words.</summary>
public static class NotifyText
{
    public static string Started(SoakStartedNotice n) =>
        $"{n.Release.Mark}🔎 Verifying {n.Release.Describe()}: watching for {PromDuration.Format(n.Schedule.End - n.Schedule.DeployedAt)}, " +
        $"every {PromDuration.Format(n.Schedule.Interval)}.";

    public static string EarlyWarning(EvaluationNotice n) =>
        $"{n.Release.Mark}⚠️ Early warning for {n.Release.Describe()}: " + string.Join("; ", n.New.Select(w => $"{w.Check}: {w.Reason}"));

    public static string Verdict(VerdictNotice n) => n.Outcome.Verdict switch
    {
        Verdicts.Verdict.Passed => $"{n.Release.Mark}✅ Release verified: {n.Release.Describe()} passed. {n.Outcome.Reason}",
        Verdicts.Verdict.Failed => $"{n.Release.Mark}❌ Release failed verification: {n.Release.Describe()}. {Failing(n)}",
        _ => $"{n.Release.Mark}❔ Release verification inconclusive: {n.Release.Describe()}. {n.Outcome.Reason}",
    };

    public static string Rollback(RollbackNotice n) => n.Rollback.Succeeded
        ? $"{n.Release.Mark}↩️ Rolled back {n.Release.Describe()}: {n.Rollback.Detail}"
        : $"{n.Release.Mark}🚨 Rollback of {n.Release.Describe()} FAILED: {n.Rollback.Detail}";

    /// <summary>
    /// "restarts: 3 restarts on pod x, above 0" for each blocking check that failed (else the verdict's reason), then the
    /// warn-severity checks that failed without blocking, marked as such.
    /// </summary>
    public static string Failing(VerdictNotice n)
    {
        var failed = n.Outcome.FailedBlocking.Select(c => $"{c.Check.Name}: {c.Reason}").ToList();
        var warned = WarnedChecks.Of(n.Outcome.Checks).Select(c => $"{c.Check.Name}: {c.Reason}").ToList();
        return (failed.Count == 0 ? n.Outcome.Reason : string.Join("; ", failed))
            + (warned.Count == 0 ? "" : $" Failed without blocking (severity warn): {string.Join("; ", warned)}");
    }

    public static string VerdictWord(VerdictNotice n) => n.Outcome.Verdict.ToWord();
}
