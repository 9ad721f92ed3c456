namespace DeployVerifier.Cli.Rollbacks;

/// <summary>What a rollback is told: the verdict, the failing checks and why.</summary>
internal sealed record RollbackRequest(string Verdict, IReadOnlyList<string> FailedChecks, string Reason, DateTimeOffset DeployedAt,
    DateTimeOffset? DecidedAt);
