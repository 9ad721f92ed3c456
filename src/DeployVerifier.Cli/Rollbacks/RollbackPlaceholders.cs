using System.Globalization;
using DeployVerifier.Rollbacks;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>The values of the <see cref="RollbackVariables"/> for one rollback.</summary>
internal static class RollbackPlaceholders
{
    public static Dictionary<string, string> Values(RollbackRequest request) => new(StringComparer.Ordinal)
    {
        [RollbackVariables.Verdict] = request.Verdict,
        [RollbackVariables.FailedChecks] = string.Join(",", request.FailedChecks),
        [RollbackVariables.Reason] = request.Reason,
        [RollbackVariables.DeployedAt] = request.DeployedAt.ToString("O", CultureInfo.InvariantCulture),
        [RollbackVariables.DecidedAt] = request.DecidedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
    };

    public static string Replace(string text, IReadOnlyDictionary<string, string> values) => RollbackVariables.Replace(text, values);
}
