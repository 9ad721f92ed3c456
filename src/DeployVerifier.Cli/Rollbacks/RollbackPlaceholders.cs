using System.Globalization;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>The <c>${name}</c> placeholders a rollback's configured values may use: verdict, failedChecks, reason, deployedAt, decidedAt.</summary>
internal static class RollbackPlaceholders
{
    public static Dictionary<string, string> Values(RollbackRequest request) => new(StringComparer.Ordinal)
    {
        ["verdict"] = request.Verdict,
        ["failedChecks"] = string.Join(",", request.FailedChecks),
        ["reason"] = request.Reason,
        ["deployedAt"] = request.DeployedAt.ToString("O", CultureInfo.InvariantCulture),
        ["decidedAt"] = request.DecidedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
    };

    public static string Replace(string text, IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(text, (current, pair) => current.Replace("${" + pair.Key + "}", pair.Value, StringComparison.Ordinal));
}
