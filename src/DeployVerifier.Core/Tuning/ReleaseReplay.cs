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
    public async Task<CheckResult> JudgeOneAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        var plan = Soak.Plan ?? throw new InvalidOperationException("a release with no soak is not judged");
        var rendered = plan.Checks.Single(r => r.Check.Name == check.Name) with { Check = check };
        var outcome = await Runner().RunAsync(plan with { Checks = [rendered] }, cancellationToken).ConfigureAwait(false);
        return outcome.Checks[0];
    }

    /// <summary>Whether <paramref name="check"/> alone fails the release.</summary>
    public async Task<bool> FailsAsync(CheckDefinition check, CancellationToken cancellationToken) =>
        (await JudgeOneAsync(check, cancellationToken).ConfigureAwait(false)).Outcome == CheckOutcome.Failed;

    private SoakRunner Runner() => new(store, time, BacktestRunner.NoSoakObserver.Instance, _memo, lookAhead: false);
}
