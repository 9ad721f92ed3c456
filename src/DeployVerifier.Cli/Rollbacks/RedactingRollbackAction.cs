using DeployVerifier.Rollbacks;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>
/// A rollback action whose detail (which may quote a server or a program) is redacted as it comes in, before the
/// reports escape it and a masked secret would no longer match.
/// </summary>
internal sealed class RedactingRollbackAction(IRollbackAction inner, Func<string, string> redact) : IRollbackAction
{
    public async Task<RollbackActionResult> RunAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        var result = await inner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        return result with { Detail = redact(result.Detail) };
    }
}
