namespace DeployVerifier.Testing;

/// <summary>The metric families of a simulated release, in the order they are written.</summary>
internal static class MetricFamilies
{
    public const string Memory = "container_memory_working_set_bytes";
    public const string Cpu = "container_cpu_usage_seconds";
    public const string Limits = "kube_pod_container_resource_limits";
    public const string Restarts = "kube_pod_container_status_restarts_total";
    public const string Requests = "http_requests";
    public const string Duration = "http_request_duration_seconds";
    public const string PodOwner = "kube_pod_owner";
    public const string ReplicaSetCreated = "kube_replicaset_created";
    public const string ReplicaSetOwner = "kube_replicaset_owner";

    /// <summary>
    /// Family name and OpenMetrics type. Kube-state-metrics' restart count is exposed as a gauge. A family without
    /// samples (CPU, unless a spec asks for it) is left out of the text.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Type)> All =
    [
        (Memory, "gauge"),
        (Cpu, "counter"),
        (Limits, "gauge"),
        (Restarts, "gauge"),
        (Requests, "counter"),
        (Duration, "histogram"),
        (PodOwner, "gauge"),
        (ReplicaSetCreated, "gauge"),
        (ReplicaSetOwner, "gauge"),
    ];

    /// <summary>Upper bounds of the latency histogram buckets, seconds; the last is +Inf.</summary>
    public static readonly IReadOnlyList<double> BucketBounds = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, double.PositiveInfinity];

    public static readonly IReadOnlyList<string> BucketLabels = ["0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "+Inf"];
}
