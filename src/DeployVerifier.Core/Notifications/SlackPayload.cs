using System.Text.Json.Nodes;

namespace DeployVerifier.Notifications;

/// <summary>
/// A Slack incoming-webhook message with Block Kit: <c>text</c> (the notification's fallback) and <c>blocks</c>: a
/// <c>section</c> with the message in <c>mrkdwn</c>, and an <c>actions</c> block with a button per link (the run, a
/// failing check's runbook and dashboard) when there are any.
/// </summary>
public static class SlackPayload
{
    /// <summary>Slack takes at most 25 elements in an actions block; a message links a few.</summary>
    private const int MaxButtons = 5;

    public static JsonObject Build(string message, IReadOnlyList<NotifyLink> links)
    {
        var blocks = new JsonArray(new JsonObject
        {
            ["type"] = "section",
            ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape(Limit(message, 3000)) },
        });
        if (links.Count > 0)
        {
            blocks.Add((JsonNode)new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray([.. links.Take(MaxButtons).Select(link => new JsonObject
                {
                    ["type"] = "button",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Limit(link.Title, 75) },
                    ["url"] = link.Url.ToString(),
                })]),
            });
        }

        return new JsonObject { ["text"] = Limit(message, 3000), ["blocks"] = blocks };
    }

    /// <summary>Slack's mrkdwn treats &amp;, &lt; and &gt; as control characters.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Limit(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
