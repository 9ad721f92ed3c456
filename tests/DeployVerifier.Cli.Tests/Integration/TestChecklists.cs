namespace DeployVerifier.Integration;

/// <summary>The checklists the integration tests run, written once.</summary>
internal static class TestChecklists
{
    /// <summary>Restarts per pod and the error ratio of a namespace given with <c>--var namespace=...</c>, over a 10-minute soak.</summary>
    public const string RestartsAndErrors = """
        soak: {duration: 10m, interval: 30s, warmUp: 30s}
        vars:
          namespace: ~
        checks:
          - name: restarts
            query: kube_pod_container_status_restarts_total{namespace="${namespace}"}
            max: 0
            perSeries: true
          - name: error-ratio
            query: >-
              (sum(rate(http_requests_total{namespace="${namespace}", code=~"5.."}[2m])) or vector(0))
              / sum(rate(http_requests_total{namespace="${namespace}"}[2m]))
            max: 1%
            tolerance: 4
            warmUp: 2m

        """;

    /// <summary>How kube-state-metrics tells the release: ReplicaSets of the Deployment <c>checkout</c>, and their pods.</summary>
    public const string KubernetesRelease = """
        release:
          releases: >-
            kube_replicaset_created{namespace="${namespace}"} * on (namespace, replicaset) group_left ()
            kube_replicaset_owner{namespace="${namespace}", owner_kind="Deployment", owner_name="checkout"}
          label: replicaset
          instances: kube_pod_owner{namespace="${namespace}", owner_kind="ReplicaSet", owner_name="${release}"}
          instanceLabel: pod

        """;

    /// <summary>
    /// <see cref="RestartsAndErrors"/> for the release found from kube-state-metrics: per-pod restarts of its pods,
    /// and the error ratio of its pods alone.
    /// </summary>
    public const string ReleaseRestartsAndErrors = KubernetesRelease + """
        soak: {duration: 10m, interval: 30s, warmUp: 30s}
        vars:
          namespace: ~
        checks:
          - name: restarts
            query: kube_pod_container_status_restarts_total{namespace="${namespace}"}
            max: 0
            perSeries: true
          - name: error-ratio
            query: >-
              (sum(rate(http_requests_total{namespace="${namespace}", pod=~"${releaseInstances}", code=~"5.."}[2m])) or vector(0))
              / sum(rate(http_requests_total{namespace="${namespace}", pod=~"${releaseInstances}"}[2m]))
            max: 1%
            tolerance: 4
            warmUp: 2m

        """;
}
