using DeployVerifier.Backtests;

namespace DeployVerifier.Reports;

/// <summary>
/// One release as a backtest's reports show it: the row of the summary, the mark on the timeline, the folded section of
/// the page. Written from a run, or read back from a shard's JSON report, so that a merge renders what one run would.
/// </summary>
/// <param name="Position">Its 0-based place in the whole sorted list of releases (before any sharding); its page anchor is <c>release-{Position + 1}</c>.</param>
/// <param name="Name">The name the reports show: the releases file's, else the release's.</param>
/// <param name="Release">The release's name; null when not identified.</param>
/// <param name="StartedAt">Its start, which anchors its soak.</param>
/// <param name="Verdict">The verdict, or not finished.</param>
/// <param name="DecidedAt">When the verdict was reached; null when nothing was evaluated.</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="FailingCheck">The check that failed it (the first, when several did); null when none failed.</param>
/// <param name="FailingReason">That check's reason; null when none failed.</param>
/// <param name="Expected">The verdict expected: the releases file's, else the label <c>--label-rollbacks</c> gave; null when none.</param>
/// <param name="Superseded">Judged only up to the next release's start.</param>
/// <param name="Line">The line of the releases file that names it; null when found in a window.</param>
public sealed record BacktestRow(int Position, string Name, string? Release, DateTimeOffset StartedAt, BacktestVerdict Verdict, DateTimeOffset? DecidedAt,
    string Reason, string? FailingCheck, string? FailingReason, ExpectedVerdict? Expected, bool Superseded, int? Line)
{
    /// <summary>The report <c>verify</c> would have written for this release.</summary>
    internal Func<JsonReport> Report { get; init; } = () => throw new InvalidOperationException("a backtest row was built without its report");

    /// <summary>The release's sections of the HTML page (why, the checks, a chart per check), with ids under its anchor.</summary>
    internal Func<string> Sections { get; init; } = () => throw new InvalidOperationException("a backtest row was built without its HTML sections");

    /// <summary>The verifier rolled it back itself (<c>--label-rollbacks</c> found the annotation its Kubernetes rollback leaves): listed apart, not counted in the accuracy.</summary>
    public bool RolledBackByVerifier { get; init; }

    /// <summary>The deadline of the expected verdict (<c>failed within 30m</c>); null when none.</summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>How long after its start the verdict was reached (the time to detect); null when nothing was evaluated.</summary>
    public TimeSpan? DecidedAfter => DecidedAt - StartedAt;

    /// <summary>True when an expectation is given and the verdict differs from it, or was decided after its deadline.</summary>
    public bool Disagrees => Expected is { } expected && !Verdict.Agrees(expected, Deadline, DecidedAfter);

    /// <summary>The expectation in the file's words (<c>failed within 30m</c>); null when none.</summary>
    public string? ExpectedWords => Expected is { } expected ? ReleaseDeadline.Words(expected, Deadline) : null;

    /// <summary>Why a blocking verdict missed its deadline (<c>failed at +42m, after its 30m deadline</c>); null when it didn't.</summary>
    public string? Late => ReleaseDeadline.Late(Verdict, DecidedAfter, Deadline);

    /// <summary>How it met its deadline, to the second; null without one or when missed.</summary>
    public string? InTime => ReleaseDeadline.InTime(Verdict, DecidedAfter, Deadline);

    /// <summary>The anchor of its section on the HTML page.</summary>
    public string Anchor => $"release-{Position + 1}";
}
