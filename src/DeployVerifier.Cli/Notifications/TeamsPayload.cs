using System.Text.Json.Nodes;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// A Microsoft Teams message for a Workflows ("When a Teams webhook request is received") webhook: the envelope
/// <c>{"type": "message", "attachments": [...]}</c> carrying one Adaptive Card (<c>application/vnd.microsoft.card.adaptive</c>,
/// version 1.4) with the verdict as the title, the reason, and an <c>Action.OpenUrl</c> to the run when known.
/// </summary>
internal static class TeamsPayload
{
    public static JsonObject Build(string title, string text, Uri? runUrl)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray
            {
                new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true },
            },
        };
        if (runUrl is not null)
        {
            card["actions"] = new JsonArray
            {
                new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the run", ["url"] = runUrl.ToString() },
            };
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card },
            },
        };
    }
}
