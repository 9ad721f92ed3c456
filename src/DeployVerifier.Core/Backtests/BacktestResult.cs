using DeployVerifier.Releases;
using DeployVerifier.Soak;

namespace DeployVerifier.Backtests;

/// <summary>How one past release was judged.</summary>
/// <param name="Candidate">The release and its neighbours.</param>
/// <param name="Release">Which release was judged and how it was found, as <c>verify</c> reports it.</param>
/// <param name="Verdict">The verdict <c>verify</c> would have given, or not finished.</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Outcome">The soak as <c>verify</c> would have run it (its report is written from it).</param>
/// <param name="Superseded">The next release started before this one's soak ended: it was judged on its data up to then.</param>
/// <param name="Queries">The queries sent to Prometheus for this release.</param>
public sealed record BacktestResult(BacktestCandidate Candidate, ReleaseInfo Release, BacktestVerdict Verdict, string Reason, SoakOutcome Outcome,
    bool Superseded, long Queries)
{
    /// <summary>The verdict expected: the file's, else the label; null when none.</summary>
    public ExpectedVerdict? Expected => Candidate.Expected;

    /// <summary>The deadline of the expected verdict; null when none.</summary>
    public TimeSpan? Deadline => Candidate.Deadline;

    /// <summary>True when an expectation is given and the verdict differs from it, or was decided after its deadline.</summary>
    public bool Disagrees => Expected is { } expected && !Verdict.Agrees(expected, Deadline, DecidedAfter);

    /// <summary>When the verdict was reached; for a pass the end of the soak; null when nothing was evaluated.</summary>
    public DateTimeOffset? DecidedAt => Outcome.DecidedAt;

    /// <summary>How long after the release's start the verdict was reached (the time to detect's origin); null when nothing was evaluated.</summary>
    public TimeSpan? DecidedAfter => DecidedAt - Candidate.Release.StartedAt;

    /// <summary>Why a blocking verdict missed its deadline (<c>failed at +42m, after its 30m deadline</c>); null when it didn't.</summary>
    public string? Late => ReleaseDeadline.Late(Verdict, DecidedAfter, Deadline);

    /// <summary>How it met its deadline, to the second; null without one or when missed.</summary>
    public string? InTime => ReleaseDeadline.InTime(Verdict, DecidedAfter, Deadline);
}
