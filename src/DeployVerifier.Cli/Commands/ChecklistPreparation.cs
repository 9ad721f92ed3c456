using DeployVerifier.Checklists;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Plans;

namespace DeployVerifier.Cli.Commands;

/// <summary>Reads the checklist file and hands it with the flags to the plan stage: every error at once.</summary>
internal static class ChecklistPreparation
{
    /// <param name="invocation">The flags and environment.</param>
    /// <param name="store">Whether the verb contacts the store, so needs its address (see <see cref="PlanRequest.Store"/>).</param>
    /// <param name="now">The current time.</param>
    public static PlanResult Prepare(Invocation invocation, DateTimeOffset now, StoreNeed store)
    {
        var path = invocation.ChecklistPath;
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var why = exception is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read ({exception.Message})";
            return new PlanResult(null, [new ChecklistError($"the checklist file '{path}' {why}; pass the path of a YAML checklist with --checklist")]);
        }

        return VerificationPlanner.Create(ChecklistLoader.Load(yaml, path, invocation.Vars), new PlanRequest(invocation.Vars, invocation.Soak, invocation.PrometheusUrl, store, invocation.DeployedAt, now));
    }
}
