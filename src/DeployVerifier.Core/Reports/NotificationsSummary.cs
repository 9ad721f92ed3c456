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

        var lines = sent.Select(n => n switch
        {
            { Sent: false, Attempts: 0, Succeeded: false } when n.Detail.StartsWith("not sent (--no-notify)", StringComparison.Ordinal) =>
                $"- {n.Target} ({n.Event}): {n.Detail}",
            { Succeeded: true } => $"- {n.Target} ({n.Event}): sent: {n.Detail}",
            { Event: "superseded" } => $"- {n.Target}: {n.Detail}",
            { Event: "notSent" } => $"- ⚠️ {n.Target}: NOT SENT: {n.Detail}",
            _ => $"- ⚠️ {n.Target} ({n.Event}): FAILED after {n.Attempts} attempt{(n.Attempts == 1 ? "" : "s")}: {n.Detail}",
        });
        return $"\n**Notifications:**\n\n{string.Join("\n", lines.Select(MarkdownEscape))}\n";
    }

    private static string MarkdownEscape(string line) => line.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
