using DeployVerifier.Checklists;

namespace DeployVerifier.Notifications;

/// <summary>The severity an alert or message carries for a check: the one place that learns of <c>severity: warn</c> when checks get it.</summary>
public static class NotifySeverity
{
    /// <summary>Every check is of severity <c>fail</c> for now.</summary>
    public static string Of(CheckDefinition check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return "fail";
    }
}
