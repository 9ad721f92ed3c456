using DeployVerifier.Checklists;

namespace DeployVerifier.Notifications;

/// <summary>The severity an alert carries, as Alertmanager routes expect it (<c>critical</c>, <c>warning</c>, <c>info</c>).</summary>
public static class NotifySeverity
{
    /// <summary>A blocking check's failure: <c>critical</c>.</summary>
    public const string Fail = "critical";

    /// <summary>A warn-severity check's failure: <c>warning</c> (it never blocks the release).</summary>
    public const string Warn = "warning";

    /// <summary>An early warning, before any verdict: <c>warning</c>.</summary>
    public const string EarlyWarning = "warning";

    /// <summary>Anything of a <c>--dry-run</c>, which must not page: <c>info</c>.</summary>
    public const string DryRun = "info";

    /// <summary>The severity of a check's alert at <paramref name="stage"/> (<c>warning</c> or <c>failed</c>).</summary>
    /// <param name="check">The check; null when unknown (treated as blocking).</param>
    /// <param name="stage">The alert's stage.</param>
    /// <param name="dryRun">Whether the run is a dry run.</param>
    public static string Of(CheckDefinition? check, string stage, bool dryRun) =>
        dryRun ? DryRun
        : stage != "failed" ? EarlyWarning
        : check?.Severity == CheckSeverity.Warn ? Warn
        : Fail;
}
