namespace DeployVerifier.Cli.Rollbacks;

/// <summary>What a rollback is told: the verdict, the failing checks and why.</summary>
internal sealed record RollbackRequest(string Verdict, IReadOnlyList<string> FailedChecks, string Reason, DateTimeOffset DeployedAt,
    DateTimeOffset? DecidedAt)
{
    /// <summary>The judged release's name (the ReplicaSet's, with kube-state-metrics); null when the checklist has no release section.</summary>
    public string? Release { get; init; }
}
