using DeployVerifier.Notifications;

namespace DeployVerifier.Reports;

/// <summary>The Markdown lines that say what was sent to people, appended to the summary; nothing when nothing was.</summary>
public static class NotificationsSummary
{
    public static string Write(IReadOnlyList<NotificationSent> sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (sent.Count == 0)
        {
            return string.Empty;
        }

        var lines = sent.Select(n => n.Outcome switch
        {
            NotificationOutcome.Printed => $"- {n.Target} ({n.Event}): {n.Detail}",
            NotificationOutcome.Sent => $"- {n.Target} ({n.Event}): sent: {n.Detail}",
            NotificationOutcome.Superseded => $"- {n.Target}: {n.Detail}",
            NotificationOutcome.NotSent => $"- ⚠️ {n.Target}: NOT SENT: {n.Detail}",
            _ => $"- ⚠️ {n.Target} ({n.Event}): FAILED after {n.Attempts} attempt{(n.Attempts == 1 ? "" : "s")}: {n.Detail}",
        });
        return $"\n**Notifications:**\n\n{string.Join("\n", lines.Select(MarkdownEscape))}\n";
    }

    private static string MarkdownEscape(string line) => line.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
