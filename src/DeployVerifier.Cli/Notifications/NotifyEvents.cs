using DeployVerifier.Checklists;

namespace DeployVerifier.Cli.Notifications;

/// <summary>The events' names as the checklist and the report write them.</summary>
internal static class NotifyEvents
{
    public static string Name(NotifyEvent value) => value switch
    {
        NotifyEvent.Started => "started",
        NotifyEvent.EarlyWarning => "earlyWarning",
        NotifyEvent.Verdict => "verdict",
        _ => "rollback",
    };
}
