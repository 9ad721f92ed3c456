using DeployVerifier.Notifications;

namespace DeployVerifier.Cli.Notifications;

/// <summary>What was sent, in order, with details redacted as they come in; safe to add to from the sending task.</summary>
internal sealed class NotificationLog(Func<string, string> redact)
{
    private readonly List<NotificationSent> _entries = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<NotificationSent> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public void Add(NotificationSent entry)
    {
        lock (_gate)
        {
            _entries.Add(entry with { Detail = redact(entry.Detail) });
        }
    }
}
