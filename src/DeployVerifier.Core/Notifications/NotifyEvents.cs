using DeployVerifier.Checklists;

namespace DeployVerifier.Notifications;

/// <summary>The events' names as the checklist and the report write them.</summary>
public static class NotifyEvents
{
    public static string Name(NotifyEvent value) => ChecklistValidator.NotifyEventNames.First(e => e.Value == value).Name;
}
