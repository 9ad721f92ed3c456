using DeployVerifier.Measurements;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Notifications;

/// <summary>Something the targets may be told of, in the order it happened.</summary>
/// <param name="At">When it happened (wall clock).</param>
/// <param name="Release">Which release.</param>
public abstract record NotifyNotice(DateTimeOffset At, NotifyRelease Release);

/// <summary>The soak started.</summary>
public sealed record SoakStartedNotice(DateTimeOffset At, NotifyRelease Release, SoakSchedule Schedule) : NotifyNotice(At, Release);

/// <summary>An evaluation (or a replayed stretch) was made: the checks in warning now, and those that just entered it.</summary>
public sealed record EvaluationNotice(DateTimeOffset At, NotifyRelease Release, IReadOnlyList<CheckWarning> Warnings, IReadOnlyList<CheckWarning> New,
    TimeSpan Interval) : NotifyNotice(At, Release);

/// <summary>The verdict.</summary>
public sealed record VerdictNotice(DateTimeOffset At, NotifyRelease Release, SoakOutcome Outcome) : NotifyNotice(At, Release)
{
    public bool Failed => Outcome.Verdict == Verdict.Failed;
}

/// <summary>What became of the rollback (after a failed verdict).</summary>
public sealed record RollbackNotice(DateTimeOffset At, NotifyRelease Release, RollbackOutcome Rollback) : NotifyNotice(At, Release);
