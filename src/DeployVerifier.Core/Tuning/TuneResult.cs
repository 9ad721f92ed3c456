using DeployVerifier.Backtests;
using DeployVerifier.Checklists;

namespace DeployVerifier.Tuning;

/// <summary>What <c>tune</c> found: the values that move, how every release is judged before and after, and what no value fixes.</summary>
/// <param name="Releases">Every release, in order, judged with the checklist as it is and as tuned.</param>
/// <param name="Changes">The values that move (a baseline's maxIncrease following its max).</param>
/// <param name="Tolerances">The tolerances that shrink where a value moved.</param>
/// <param name="Missed">Bad releases no value separates from the good ones.</param>
/// <param name="Unfixable">Good releases that fail however loose the values are.</param>
/// <param name="Checks">The tuned checks.</param>
/// <param name="LeaveOneOutFlips">Labelled releases judged otherwise than labelled when the values are tuned without them.</param>
/// <param name="Labelled">Labelled releases tuned on (finished ones).</param>
public sealed record TuneResult(IReadOnlyList<TuneRelease> Releases, IReadOnlyList<TunedValue> Changes, IReadOnlyList<TunedValue> Tolerances,
    IReadOnlyList<TuneMiss> Missed, IReadOnlyList<BacktestCandidate> Unfixable, IReadOnlyList<CheckDefinition> Checks, int LeaveOneOutFlips, int Labelled)
{
    /// <summary>Queries sent to Prometheus for the first judgement of every release.</summary>
    public long Requests { get; init; }

    /// <summary>Queries sent after it, while candidates were judged: 0 when every candidate was judged on what was fetched.</summary>
    public long RequestsAfterFirstJudgement { get; init; }

    /// <summary>The labelled releases judged otherwise when every value is tuned without them.</summary>
    public IReadOnlyList<string> LeaveOneOutReleases { get; init; } = [];

    /// <summary>Leak tests fitted over the whole tune (each look once).</summary>
    public int LeakFits { get; init; }

    /// <summary>Every finished, labelled release is judged as labelled by the tuned checklist.</summary>
    public bool AllAsLabelled => Releases.Where(r => r.Finished && r.Label is not null).All(r => r.AsLabelled(r.After));

    /// <summary>Labelled releases judged as labelled before and after.</summary>
    public (int Before, int After) AsLabelled
    {
        get
        {
            var counted = Releases.Where(r => r.Finished && r.Label is not null).ToList();
            return (counted.Count(r => r.AsLabelled(r.Before)), counted.Count(r => r.AsLabelled(r.After)));
        }
    }
}

/// <summary>One release judged before and after tuning.</summary>
/// <param name="Candidate">The release.</param>
/// <param name="Before">Its judgement with the checklist as it is.</param>
/// <param name="After">Its judgement with the tuned checklist.</param>
/// <param name="LeftOut">Why it is left out of the tuning (its soak not finished, no data over it); null when tuned on.</param>
public sealed record TuneRelease(BacktestCandidate Candidate, BacktestResult Before, BacktestResult After, string? LeftOut)
{
    /// <summary>Tuned on: its soak is over and had data.</summary>
    public bool Finished => LeftOut is null;

    /// <summary>The verdict it should get; null when unlabelled or rolled back by the verifier itself (not tuned on).</summary>
    public ExpectedVerdict? Label => Candidate.RolledBackByVerifier ? null : Candidate.Expected;

    /// <summary>Whether <paramref name="result"/> is the verdict its label asks for, by its deadline where it has one (any verdict, when unlabelled).</summary>
    public bool AsLabelled(BacktestResult result) =>
        Label is not { } label || (result ?? throw new ArgumentNullException(nameof(result))).Verdict.Agrees(label, Candidate.Deadline, result.DecidedAfter);

    /// <summary>The verdict changed, or (with a deadline) whether it came in time.</summary>
    public bool Flips => Before.Verdict != After.Verdict || AsLabelled(Before) != AsLabelled(After);
}

/// <summary>One value that moves.</summary>
/// <param name="Check">The check's name.</param>
/// <param name="Key">Its key under the check, e.g. <c>max</c> or <c>trend.horizon</c>.</param>
/// <param name="Before">The value as it was, written as the checklist takes it.</param>
/// <param name="After">The tuned value, as it is written into the checklist.</param>
/// <param name="Value">The tuned value in base units (seconds for a duration).</param>
public sealed record TunedValue(string Check, string Key, string Before, string After, double Value)
{
    internal TuneSetting? Setting { get; init; }

    internal double Strictness { get; init; }

    /// <summary>The bad releases it is to catch.</summary>
    public IReadOnlyList<string> Catches { get; init; } = [];

    /// <summary>The good release that came closest to failing on it; null when none bounds it.</summary>
    public string? ClosestGood { get; init; }

    /// <summary>The bad release it catches with the least room; null when it catches none.</summary>
    public string? ClosestBad { get; init; }

    /// <summary>Where the closest good release turns to failing (about: the value searched nearest it).</summary>
    public string? ClosestGoodAt { get; init; }

    /// <summary>Where the closest bad release it catches turns to failing.</summary>
    public string? ClosestBadAt { get; init; }

    /// <summary>The key whose move it follows by the same factor (a baseline's maxIncrease follows max); null when tuned itself.</summary>
    public string? Follows { get; init; }

    /// <summary>Labelled releases that flip when this value alone is tuned without them.</summary>
    public int LeaveOneOutFlips { get; init; }
}

/// <summary>A bad release no value separates from the good ones.</summary>
/// <param name="Candidate">The release.</param>
/// <param name="ClosestCheck">The check that came closest to catching it without failing a good one; null when none failed it at any value.</param>
/// <param name="ClosestKey">Its key.</param>
public sealed record TuneMiss(BacktestCandidate Candidate, string? ClosestCheck, string? ClosestKey)
{
    /// <summary>About the value the closest check would need to fail it.</summary>
    public string? NeedsAbout { get; init; }

    /// <summary>The good release that value would fail.</summary>
    public string? Blocker { get; init; }

    /// <summary>Where that good release turns to failing.</summary>
    public string? BlockerFailsAbout { get; init; }

    /// <summary>Whether the closest setting fails more the higher it is (a horizon, a min).</summary>
    public bool HigherIsStricter { get; init; }

    /// <summary>
    /// For a release with a deadline that the closest check fails only later: how long after its start it fails it, at
    /// the strictest value the good releases allow (<see cref="NeedsAbout"/>); null otherwise.
    /// </summary>
    public TimeSpan? FailedAfter { get; init; }
}
