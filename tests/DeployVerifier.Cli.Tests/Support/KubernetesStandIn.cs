using System.Text.Json.Nodes;

namespace DeployVerifier.Support;

/// <summary>
/// A stand-in of the Kubernetes API for one Deployment (shop/checkout, uid d-1, generation 7) and its ReplicaSets:
/// it serves GET deployment and GET replicasets (only with the Deployment's label selector) and records the PATCH.
/// Another Deployment's ReplicaSet (same labels, another owner) is in the list too, as on a real cluster.
/// </summary>
internal sealed class KubernetesStandIn : IDisposable
{
    public const string DeploymentPath = "/apis/apps/v1/namespaces/shop/deployments/checkout";
    public const string ReplicaSetsPath = "/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Dcheckout&watch=false";

    public KubernetesStandIn(params (string Name, int Revision, string Image)[] replicaSets)
    {
        ReplicaSets = replicaSets;
        Server = new StandInServer(Answer);
    }

    public StandInServer Server { get; }

    public IReadOnlyList<(string Name, int Revision, string Image)> ReplicaSets { get; }

    /// <summary>The PATCH requests received.</summary>
    public IReadOnlyList<RecordedRequest> Patches => [.. Server.Requests.Where(r => r.Method == "PATCH")];

    public void Dispose() => Server.Dispose();

    /// <summary>The pod template of a ReplicaSet, as the API gives it (with its pod-template-hash label).</summary>
    public static JsonObject Template(string name, string image) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["labels"] = new JsonObject { ["app"] = "checkout", ["pod-template-hash"] = name.Split('-')[^1] },
        },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "checkout", ["image"] = image }),
        },
    };

    private (int, string) Answer(string method, string path)
    {
        var newest = ReplicaSets.MaxBy(r => r.Revision);
        var deployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject
            {
                ["name"] = "checkout", ["namespace"] = "shop", ["uid"] = "d-1", ["generation"] = 7,
                ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = newest.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "checkout" } },
                ["template"] = Template(newest.Name, newest.Image),
            },
        };
        return (method, path) switch
        {
            ("GET", DeploymentPath) => (200, deployment.ToJsonString()),
            ("PATCH", DeploymentPath) => (200, deployment.ToJsonString()),
            ("GET", ReplicaSetsPath) => (200, List().ToJsonString()),
            _ => (404, new JsonObject { ["kind"] = "Status", ["status"] = "Failure", ["message"] = $"the stand-in has no {method} {path}", ["code"] = 404 }
                .ToJsonString()),
        };
    }

    private JsonObject List()
    {
        var items = new JsonArray();
        foreach (var (name, revision, image) in ReplicaSets.Append(("checkout-canary-9z9z9", 99, "checkout:canary")))
        {
            var owner = name.StartsWith("checkout-canary", StringComparison.Ordinal) ? "d-2" : "d-1";
            items.Add(new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = "shop",
                    ["labels"] = new JsonObject { ["app"] = "checkout", ["pod-template-hash"] = name.Split('-')[^1] },
                    ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = owner == "d-1" ? "checkout" : "checkout-canary", ["uid"] = owner,
                        ["controller"] = true,
                    }),
                },
                ["spec"] = new JsonObject
                {
                    ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "checkout" } },
                    ["template"] = Template(name, image),
                },
            });
        }

        return new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSetList", ["metadata"] = new JsonObject(), ["items"] = items };
    }
}
