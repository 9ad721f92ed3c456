using System.Text.Json.Nodes;

namespace DeployVerifier.Notifications;

/// <summary>
/// Atlassian Statuspage's bodies. The page is public: an incident names the service only, never the release's pods or
/// values, and says "We are rolling it back." only when a rollback will run.
/// </summary>
public static class StatuspagePayload
{
    /// <summary>A component's new status: <c>{"component": {"status": …}}</c>.</summary>
    public static JsonObject Component(string status) => new() { ["component"] = new JsonObject { ["status"] = status } };

    /// <summary>The incident opened on a failed verdict, <c>investigating</c>, with the component at <paramref name="componentStatus"/>.</summary>
    public static JsonObject OpenIncident(NotifyRelease release, string componentId, string componentStatus)
    {
        ArgumentNullException.ThrowIfNull(release);
        return new JsonObject
        {
            ["incident"] = new JsonObject
            {
                ["name"] = $"Degraded service: {release.Service ?? "a new release"}",
                ["status"] = "investigating",
                ["body"] = $"A new release of {release.Service ?? "the service"} is not working as it should. "
                    + (release.RollbackExpected ? "We are rolling it back." : "We are investigating."),
                ["component_ids"] = new JsonArray(componentId),
                ["components"] = new JsonObject { [componentId] = componentStatus },
            },
        };
    }

    /// <summary>The incident resolved after a successful rollback, the component back to <c>operational</c>.</summary>
    public static JsonObject ResolveIncident(string componentId) => new()
    {
        ["incident"] = new JsonObject
        {
            ["status"] = "resolved",
            ["body"] = "The release was rolled back.",
            ["components"] = new JsonObject { [componentId] = "operational" },
        },
    };
}
