namespace DeployVerifier.Rollbacks;

/// <summary>What became of the rollback: whether it was attempted, and each action's result.</summary>
public sealed record RollbackOutcome(bool Attempted, bool Succeeded, string Detail, IReadOnlyList<RollbackActionResult> Actions)
{
    public static RollbackOutcome NotAttempted(string why) => new(false, false, why, []);
}

/// <summary>One rollback action (a command, a webhook, a workflow dispatch) and how it went.</summary>
public sealed record RollbackActionResult(string Kind, bool Succeeded, string Detail);
