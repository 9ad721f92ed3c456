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
}
