using DeployVerifier.Rollbacks;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>One way of rolling back. Never throws: a failure is a result, reported without changing the verdict.</summary>
internal interface IRollbackAction
{
    Task<RollbackActionResult> RunAsync(RollbackRequest request, CancellationToken cancellationToken);
}
