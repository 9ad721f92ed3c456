using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeployVerifier.Backtests;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Rollbacks;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using k8s.Models;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>
/// Undoes the judged release of a Deployment as <c>kubectl rollout undo</c> does: finds the Deployment's ReplicaSets by
/// owner reference, orders them by their <c>deployment.kubernetes.io/revision</c> annotation, and puts the pod template
/// of the revision before the current one (less its <c>pod-template-hash</c> label) back on the Deployment with a JSON
/// patch. It refuses when the current ReplicaSet is no longer the judged release: a deploy made during the soak is not
/// undone by mistake. The patch is guarded by the Deployment's generation, so a spec change between reading and
/// patching makes it fail rather than undo something else. The same patch annotates the Deployment with the release it
/// undid and when (<see cref="RollbackLabeler.ReleaseAnnotation"/>, <see cref="RollbackLabeler.AtAnnotation"/>), so a
/// later <c>backtest --label-rollbacks</c> can tell the verifier's rollbacks from the team's.
/// </summary>
internal sealed class KubernetesRollback(RollbackKubernetes settings, IEnvironment environment, TimeProvider time,
    string serviceAccountDirectory = KubernetesCredentials.ServiceAccountDirectory) : IRollbackAction
{
    internal const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    internal const string HashLabel = "pod-template-hash";
    private const string Kind = "kubernetes";

    public async Task<RollbackActionResult> RunAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        var what = $"Deployment {settings.Namespace}/{settings.Deployment}";
        if (request.Release is not { Length: > 0 } judged)
        {
            return Failed($"{what} not undone: the judged release is not identified (the checklist has no release section), so it can't be told"
                + " from a deploy made since");
        }

        var (credentials, problem) = KubernetesCredentials.Find(settings, environment, serviceAccountDirectory);
        if (credentials is null)
        {
            return Failed($"{what} not undone: {problem}");
        }

        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var client = new Kubernetes(credentials.Build());
            return await UndoAsync(client, judged, what, linked.Token).ConfigureAwait(false);
        }
        catch (HttpOperationException exception)
        {
            return Failed($"{what} not undone: {Describe(exception)}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return Failed($"{what} not undone: the Kubernetes API did not answer within {DurationText(settings.Timeout)}");
        }
        catch (Exception exception) when (exception is HttpRequestException or KubeConfigException or KubernetesClientException or IOException
            or System.Security.Cryptography.CryptographicException or JsonException or OperationCanceledException)
        {
            return Failed($"{what} not undone: {exception.Message} ({credentials.Source})");
        }
    }

    private async Task<RollbackActionResult> UndoAsync(IKubernetes client, string judged, string what, CancellationToken cancellationToken)
    {
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(settings.Deployment, settings.Namespace, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (deployment.Spec?.Paused == true)
        {
            return Failed($"{what} not undone: it is paused; resume it (kubectl rollout resume) and undo it by hand");
        }

        var selector = deployment.Spec?.Selector?.MatchLabels is { Count: > 0 } labels
            ? string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"))
            : null;
        var list = await client.AppsV1.ListNamespacedReplicaSetAsync(settings.Namespace, labelSelector: selector, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var owned = (list.Items ?? [])
            .Where(rs => rs.Metadata?.OwnerReferences?.Any(o => o.Uid == deployment.Metadata?.Uid && o.Controller == true) == true)
            .Select(rs => (ReplicaSet: rs, Revision: Revision(rs)))
            .Where(r => r.Revision is not null)
            .OrderByDescending(r => r.Revision)
            .ToList();
        if (owned.Count == 0)
        {
            return Failed($"{what} not undone: it owns no ReplicaSet with a {RevisionAnnotation} annotation");
        }

        var current = owned[0];
        if (!IsJudged(current.ReplicaSet, judged))
        {
            return Failed($"{what} not undone: it has moved on since the judged release {judged}; its current ReplicaSet is"
                + $" {current.ReplicaSet.Metadata.Name} (revision {current.Revision}). A deploy made during the soak is not undone; undo it by hand if that is meant");
        }

        if (owned.Skip(1).FirstOrDefault() is not { ReplicaSet: not null } previous)
        {
            return Failed($"{what} not undone: the judged release {judged} (revision {current.Revision}) has no earlier revision to go back to");
        }

        var template = previous.ReplicaSet.Spec?.Template;
        if (template is null)
        {
            return Failed($"{what} not undone: the ReplicaSet {previous.ReplicaSet.Metadata.Name} of revision {previous.Revision} has no pod template");
        }

        var patch = Patch(template, deployment.Metadata?.Generation, (judged, time.GetUtcNow(), deployment.Metadata?.Annotations is not null));
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), settings.Deployment, settings.Namespace,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new RollbackActionResult(Kind, true,
            $"{what} undone: the pod template of revision {previous.Revision} ({previous.ReplicaSet.Metadata.Name}) replaces that of the judged"
            + $" revision {current.Revision} ({current.ReplicaSet.Metadata.Name}); the Deployment rolls it out");
    }

    /// <summary>
    /// The JSON patch: the Deployment's generation is still the one read, its pod template becomes the previous one, and,
    /// given <paramref name="undone"/>, its annotations name the release undone and when (added to the map, or as a new
    /// map when it has none).
    /// </summary>
    internal static string Patch(V1PodTemplateSpec template, long? generation, (string Release, DateTimeOffset At, bool HasAnnotations)? undone = null)
    {
        var value = JsonNode.Parse(KubernetesJson.Serialize(template))!.AsObject();
        if (value["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(HashLabel);
        }

        var operations = new JsonArray();
        if (generation is { } g)
        {
            operations.Add(new JsonObject { ["op"] = "test", ["path"] = "/metadata/generation", ["value"] = g });
        }

        operations.Add(new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = value });
        if (undone is { } u)
        {
            var at = Quantities.Rfc3339.Format(u.At);
            if (u.HasAnnotations)
            {
                operations.Add(new JsonObject { ["op"] = "add", ["path"] = $"/metadata/annotations/{Pointer(RollbackLabeler.ReleaseAnnotation)}", ["value"] = u.Release });
                operations.Add(new JsonObject { ["op"] = "add", ["path"] = $"/metadata/annotations/{Pointer(RollbackLabeler.AtAnnotation)}", ["value"] = at });
            }
            else
            {
                operations.Add(new JsonObject
                {
                    ["op"] = "add",
                    ["path"] = "/metadata/annotations",
                    ["value"] = new JsonObject { [RollbackLabeler.ReleaseAnnotation] = u.Release, [RollbackLabeler.AtAnnotation] = at },
                });
            }
        }

        return operations.ToJsonString();
    }

    /// <summary>A key as a JSON pointer's segment (RFC 6901: <c>~</c> as <c>~0</c>, <c>/</c> as <c>~1</c>).</summary>
    private static string Pointer(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>The judged release is the ReplicaSet itself, or one of its labels' values (a release named by a version label).</summary>
    private static bool IsJudged(V1ReplicaSet replicaSet, string judged) =>
        string.Equals(replicaSet.Metadata?.Name, judged, StringComparison.Ordinal)
        || replicaSet.Metadata?.Labels?.Any(l => l.Key != HashLabel && string.Equals(l.Value, judged, StringComparison.Ordinal)) == true;

    private static long? Revision(V1ReplicaSet replicaSet) =>
        replicaSet.Metadata?.Annotations?.TryGetValue(RevisionAnnotation, out var text) == true
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : null;

    private string Describe(HttpOperationException exception)
    {
        var status = exception.Response?.StatusCode;
        var message = Message(exception.Response?.Content) ?? exception.Message;
        return status switch
        {
            HttpStatusCode.Unauthorized => $"the Kubernetes API refused the credentials (401): {message}",
            HttpStatusCode.Forbidden => $"the Kubernetes API answered 403: {message}. The credentials need get and list on deployments and replicasets and"
                + $" patch on deployments in namespace {settings.Namespace} (see the README's Role and RoleBinding)",
            HttpStatusCode.NotFound => $"not found (404): {message}",
            _ => $"the Kubernetes API answered {(int?)status}: {message}",
        };
    }

    private static string? Message(string? content)
    {
        try
        {
            return content is { Length: > 0 } && JsonNode.Parse(content)?["message"]?.GetValue<string>() is { Length: > 0 } message ? message : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string DurationText(TimeSpan span) => span.TotalSeconds < 60 ? $"{span.TotalSeconds:0}s" : $"{span.TotalMinutes:0.#}m";

    private static RollbackActionResult Failed(string detail) => new(Kind, false, detail);
}
