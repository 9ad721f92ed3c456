using DeployVerifier.Evaluation;

namespace DeployVerifier.Verdicts;

/// <summary>The verdict's sentence.</summary>
internal static class VerdictText
{
    /// <summary>
    /// The verdict in one sentence, told by the checks that block: a warn check's failure is not why a release failed,
    /// and a pass with warnings says so.
    /// </summary>
    public static string Explain(Verdict verdict, List<CheckResult> results)
    {
        var blocking = results.Where(r => r.Blocks).ToList();
        var warned = WarnedChecks.Of(results);
        var reason = verdict switch
        {
            Verdict.Failed => string.Join("; ", blocking.Where(r => r.Outcome == CheckOutcome.Failed).Select(r => $"{r.Check.Name}: {r.Reason}")),
            Verdict.Inconclusive => string.Join("; ", blocking.Where(r => r.Outcome is CheckOutcome.Inconclusive or CheckOutcome.Error)
                .Select(r => $"{r.Check.Name}: {r.Reason}")),
            _ when blocking.Count == 0 => $"no check blocks the release (all {results.Count} have severity warn)",
            _ when blocking.Count == results.Count => $"all {results.Count} checks passed over the whole soak",
            _ => $"all {blocking.Count} blocking checks passed over the whole soak",
        };
        return warned.Count == 0
            ? reason
            : reason + $"; {warned.Count} warn-severity check{(warned.Count == 1 ? "" : "s")} failed without blocking: "
                + string.Join("; ", warned.Select(r => $"{r.Check.Name}: {r.Reason}"));
    }
}
