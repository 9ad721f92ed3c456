using DeployVerifier.Checklists;

namespace DeployVerifier.Notifications;

/// <summary>The severity an alert or message carries for a check, from its <c>severity</c>.</summary>
public static class NotifySeverity
{
    /// <summary><c>warn</c> for a check of severity warn (it never blocks the release), else <c>fail</c>.</summary>
    public static string Of(CheckDefinition check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Severity == CheckSeverity.Warn ? "warn" : "fail";
    }
}
