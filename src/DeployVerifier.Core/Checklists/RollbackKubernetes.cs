namespace DeployVerifier.Checklists;

/// <summary>
/// Undoes the judged release of a Deployment through the Kubernetes API, as <c>kubectl rollout undo</c> does: the pod
/// template of the ReplicaSet before it goes back on the Deployment. It refuses when the Deployment's current
/// ReplicaSet is no longer the judged release (a deploy during the soak is not undone), so the checklist needs a
/// <c>release</c> section. Credentials: <see cref="TokenEnv"/> and <see cref="ServerEnv"/> when given; else
/// <c>KUBECONFIG</c>, the pod's service account (in-cluster), or <c>~/.kube/config</c>, in that order.
/// </summary>
/// <param name="Namespace">The Deployment's namespace.</param>
/// <param name="Deployment">The Deployment's name.</param>
/// <param name="Context">The kubeconfig context to use; default its current context.</param>
/// <param name="ServerEnv">The environment variable holding the API server's address (with <see cref="TokenEnv"/>).</param>
/// <param name="TokenEnv">The environment variable holding a bearer token (with <see cref="ServerEnv"/>).</param>
/// <param name="CaFile">The API server's CA certificate (PEM) for <see cref="ServerEnv"/>; default the system's trust store.</param>
/// <param name="Timeout">For the whole rollback (its three requests); default 30 seconds.</param>
public sealed record RollbackKubernetes(
    string Namespace,
    string Deployment,
    string? Context,
    string? ServerEnv,
    string? TokenEnv,
    string? CaFile,
    TimeSpan Timeout);
