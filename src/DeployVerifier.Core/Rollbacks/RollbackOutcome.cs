namespace DeployVerifier.Rollbacks;

/// <summary>What became of the rollback: whether it was attempted, where it stands, and each action's result.</summary>
public sealed record RollbackOutcome(bool Attempted, bool Succeeded, string Detail, IReadOnlyList<RollbackActionResult> Actions)
{
    /// <summary>The verdict was not failed: no rollback.</summary>
    public const string NotNeededState = "not-needed";

    /// <summary>A failed verdict without a rollback: <c>--dry-run</c>, or none configured.</summary>
    public const string SkippedState = "skipped";

    /// <summary>The rollback is running; the report is written before it starts, so a killed job still leaves one.</summary>
    public const string PendingState = "pending";

    /// <summary>The rollback ran (successfully or not).</summary>
    public const string DoneState = "done";

    /// <summary>Where the rollback stands: <see cref="NotNeededState"/>, <see cref="SkippedState"/>, <see cref="PendingState"/> or <see cref="DoneState"/>.</summary>
    public string State { get; init; } = Attempted ? DoneState : SkippedState;

    public static RollbackOutcome NotNeeded(string why) => new(false, false, why, []) { State = NotNeededState };

    public static RollbackOutcome NotAttempted(string why) => new(false, false, why, []) { State = SkippedState };

    public static RollbackOutcome Pending(string what) => new(false, false, what, []) { State = PendingState };
}

/// <summary>One rollback action (a command, a webhook, a workflow dispatch) and how it went.</summary>
public sealed record RollbackActionResult(string Kind, bool Succeeded, string Detail);
