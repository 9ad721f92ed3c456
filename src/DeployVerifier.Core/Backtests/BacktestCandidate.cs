using DeployVerifier.Releases;

namespace DeployVerifier.Backtests;

/// <summary>A past release to judge, with its neighbours.</summary>
/// <param name="Release">The release: its name (empty when the checklist has no release section) and start.</param>
/// <param name="Previous">The release before it, whose instances its baselines name; null when none was found.</param>
/// <param name="Next">The release after it; when it started before this one's soak ended, this one is judged up to then (superseded).</param>
/// <param name="Entry">The <c>--releases</c> line that named it; null when found in a window.</param>
/// <param name="Identified">False when the checklist has no release section: the line's time anchors the soak, as <c>--deployed-at</c> does.</param>
public sealed record BacktestCandidate(Release Release, Release? Previous, Release? Next, ReleaseListEntry? Entry, bool Identified = true)
{
    /// <summary>The name the reports show: the team's name from the file, else the release's.</summary>
    public string Name => Entry?.Name ?? Release.Name;

    /// <summary>The label <c>--label-rollbacks</c> gave it (<see cref="RollbackLabeler"/>): <c>not-passed</c> when rolled back, <c>passed</c> when not; null when not labelled.</summary>
    public ExpectedVerdict? Label { get; init; }

    /// <summary>The verifier rolled it back itself (its Kubernetes rollback's annotation was seen): its label would only repeat a verdict.</summary>
    public bool RolledBackByVerifier { get; init; }

    /// <summary>The verdict it should get: the releases file's, else its label; null when neither gives one.</summary>
    public ExpectedVerdict? Expected => Entry?.Expected ?? Label;

    /// <summary>The deadline of its expected verdict (<c>failed within 30m</c>); null when none (a label never has one).</summary>
    public TimeSpan? Deadline => Entry?.Deadline;
}
