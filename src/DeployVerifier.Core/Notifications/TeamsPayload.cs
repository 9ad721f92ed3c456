using System.Text.Json.Nodes;

namespace DeployVerifier.Notifications;

/// <summary>
/// A Microsoft Teams message for a Workflows ("When a Teams webhook request is received") webhook: the envelope
/// <c>{"type": "message", "attachments": [...]}</c> carrying one Adaptive Card (<c>application/vnd.microsoft.card.adaptive</c>,
/// version 1.4) with the verdict as the title, the reason, and an <c>Action.OpenUrl</c> per link (the run, a failing
/// check's runbook and dashboard).
/// </summary>
public static class TeamsPayload
{
    public static JsonObject Build(string title, string text, IReadOnlyList<NotifyLink> links)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
        };
        if (links.Count > 0)
        {
            card["actions"] = new JsonArray([.. links.Select(link => new JsonObject
            {
                ["type"] = "Action.OpenUrl", ["title"] = link.Title, ["url"] = link.Url.ToString(),
            })]);
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card }),
        };
    }
}
