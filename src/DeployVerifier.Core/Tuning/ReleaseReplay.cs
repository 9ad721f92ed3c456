using DeployVerifier.Analysis;
using DeployVerifier.Backtests;
using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Metrics;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Tuning;

/// <summary>
/// One past release, judged as often as <c>tune</c> needs with other values: its soak prepared once, its queries
/// answered from memory after the first time, and its leak tests fitted once. Every judgement runs the soak as
/// <c>verify</c> does (the same evaluation, fail fast and extension), so a value is judged exactly as it will be.
/// </summary>
internal sealed class ReleaseReplay(ReleaseSoak soak, MemoStore store, TimeProvider time)
{
    private readonly TrendMemo _memo = new();

    public ReleaseSoak Soak { get; } = soak;

    public BacktestCandidate Candidate => Soak.Candidate;

    /// <summary>
    /// The verdict it should get (the file's, else the rollback label); null when unlabelled, and for a release the
    /// verifier itself rolled back, whose label would only repeat the checklist's own verdict.
    /// </summary>
    public ExpectedVerdict? Label => Candidate.RolledBackByVerifier ? null : Candidate.Expected;

    /// <summary>Labelled bad: <c>failed</c> or <c>not-passed</c>.</summary>
    public bool Bad => Label is ExpectedVerdict.Failed or ExpectedVerdict.NotPassed;

    /// <summary>How soon after its start a bad release must be failed to count as caught (<c>failed within 30m</c>); null when its label gives none.</summary>
    public TimeSpan? Deadline => Label is null ? null : Candidate.Deadline;

    /// <summary>Its soak ran to its end (or the next release's start).</summary>
    public bool Finished => Soak.Plan is not null && !Soak.NotFinished;

    /// <summary>How many leak tests were fitted for it.</summary>
    public int Fits => _memo.Fits;

    /// <summary>The release judged by the whole checklist <paramref name="checks"/> (each check found by name in the soak).</summary>
    public async Task<BacktestResult> JudgeAsync(IReadOnlyList<CheckDefinition> checks, CancellationToken cancellationToken)
    {
        if (Soak.Plan is not { } plan)
        {
            return Soak.Unjudged!;
        }

        var byName = checks.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var rendered = plan.Checks.Select(r => r with { Check = byName[r.Check.Name] }).ToList();
        var outcome = await Runner().RunAsync(plan with { Checks = rendered }, cancellationToken).ConfigureAwait(false);
        return BacktestRunner.Conclude(Soak, outcome, 0);
    }

    /// <summary>The soak with <paramref name="check"/> alone: what that check says of the release, and when.</summary>
    public async Task<CheckResult> JudgeOneAsync(CheckDefinition check, CancellationToken cancellationToken) =>
        (await RunOneAsync(check, cancellationToken).ConfigureAwait(false)).Checks[0];

    /// <summary>Whether <paramref name="check"/> alone fails the release.</summary>
    public async Task<bool> FailsAsync(CheckDefinition check, CancellationToken cancellationToken) =>
        (await JudgeOneAsync(check, cancellationToken).ConfigureAwait(false)).Outcome == CheckOutcome.Failed;

    /// <summary>
    /// Whether <paramref name="check"/> alone fails the release, and whether it does so by the release's deadline (at a
    /// look at or before it, <see cref="ReleaseDeadline"/>; any failure is in time without one).
    /// </summary>
    public async Task<(bool Fails, bool InTime)> CatchesAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        var failedAfter = await FailedAfterAsync(check, cancellationToken).ConfigureAwait(false);
        return (failedAfter is not null, failedAfter is not null && ReleaseDeadline.Meets(Deadline, failedAfter));
    }

    /// <summary>
    /// How long after the release's start <paramref name="check"/> alone failed it (the look that ended the soak, as the
    /// verdict's time to detect counts it); null when it doesn't fail it.
    /// </summary>
    public async Task<TimeSpan?> FailedAfterAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        var outcome = await RunOneAsync(check, cancellationToken).ConfigureAwait(false);
        return outcome.Checks[0].Outcome == CheckOutcome.Failed ? outcome.DecidedAt - Candidate.Release.StartedAt : null;
    }

    private async Task<SoakOutcome> RunOneAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        var plan = Soak.Plan ?? throw new InvalidOperationException("a release with no soak is not judged");
        var rendered = plan.Checks.Single(r => r.Check.Name == check.Name) with { Check = check };
        return await Runner().RunAsync(plan with { Checks = [rendered] }, cancellationToken).ConfigureAwait(false);
    }

    private SoakRunner Runner() => new(store, time, BacktestRunner.NoSoakObserver.Instance, _memo, lookAhead: false);
}
