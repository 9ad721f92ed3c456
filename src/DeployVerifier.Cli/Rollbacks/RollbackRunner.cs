using DeployVerifier.Rollbacks;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>Runs every configured rollback action in turn; the rollback succeeded when each one did.</summary>
internal static class RollbackRunner
{
    public static async Task<RollbackOutcome> RunAsync(IReadOnlyList<IRollbackAction> actions, RollbackRequest request, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return RollbackOutcome.NotAttempted("no rollback is configured (rollback: in the checklist)");
        }

        var results = new List<RollbackActionResult>();
        foreach (var action in actions)
        {
            results.Add(await action.RunAsync(request, cancellationToken).ConfigureAwait(false));
        }

        return new RollbackOutcome(true, results.All(r => r.Succeeded), string.Join("; ", results.Select(r => r.Detail)), results);
    }
}
