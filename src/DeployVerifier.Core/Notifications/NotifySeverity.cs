using DeployVerifier.Checklists;

namespace DeployVerifier.Notifications;

/// <summary>The severity an alert carries, as Alertmanager routes expect it (<c>critical</c>, <c>warning</c>, <c>info</c>).</summary>
public static class NotifySeverity
{
    /// <summary>The severity of a check's alert at <paramref name="stage"/> (<c>warning</c> or <c>failed</c>).</summary>
    /// <param name="check">The check; null when unknown (treated as blocking).</param>
    /// <param name="stage">The alert's stage.</param>
    /// <param name="dryRun">Whether the run is a dry run.</param>
    /// <param name="severities">The names the team's routes expect; default <see cref="AlertSeverities.Default"/>.</param>
    public static string Of(CheckDefinition? check, string stage, bool dryRun, AlertSeverities? severities = null)
    {
        var names = severities ?? AlertSeverities.Default;
        return dryRun ? names.DryRun
            : stage != "failed" ? names.EarlyWarning
            : check?.Severity == CheckSeverity.Warn ? names.Warn
            : names.Fail;
    }
}
