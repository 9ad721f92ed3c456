namespace DeployVerifier.Testing;

/// <summary>
/// One simulated rollout of a workload in its own Kubernetes namespace: old pods run for <see cref="PreMinutes"/>,
/// then at <see cref="DeployedAt"/> new pods replace them one by one, 20 s apart, and data runs on for
/// <see cref="PostMinutes"/>. Start from a preset (<see cref="Healthy"/>, <see cref="CrashLoop"/>, ...) and adjust
/// it with <c>with { ... }</c>.
/// </summary>
/// <remarks>
/// The memory shape (<see cref="BaseMib"/>, <see cref="LimitMib"/>, <see cref="NoiseMib"/>, sawtooth, warm-up)
/// applies to old and new pods alike; the defects (leak, plateau, crashes, error bursts, missing metrics) and the
/// <c>...After</c> values apply to the new pods only.
/// </remarks>
/// <param name="Namespace">The Kubernetes namespace; one namespace per scenario.</param>
public sealed record ReleaseSpec(string Namespace)
{
    /// <summary>The default deploy time, 2024-08-16T13:45:00Z: a multiple of the 15 s scrape interval.</summary>
    public static readonly DateTimeOffset DefaultDeployedAt = new(2024, 8, 16, 13, 45, 0, TimeSpan.Zero);

    /// <summary>The workload (deployment and container) name. Default "checkout".</summary>
    public string Workload { get; init; } = "checkout";

    /// <summary>When the first new pod starts. Default <see cref="DefaultDeployedAt"/>.</summary>
    public DateTimeOffset DeployedAt { get; init; } = DefaultDeployedAt;

    /// <summary>Minutes of history before the deploy. Default 90.</summary>
    public int PreMinutes { get; init; } = 90;

    /// <summary>Minutes of history after the deploy. Default 60.</summary>
    public int PostMinutes { get; init; } = 60;

    /// <summary>Replicas of the old and of the new version. Default 3.</summary>
    public int Pods { get; init; } = 3;

    /// <summary>Seed of the noise; the namespace is mixed in, so scenarios differ. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Working set of a warmed-up pod at the bottom of its GC cycle, MiB. Default 420.</summary>
    public double BaseMib { get; init; } = 420;

    /// <summary>Memory limit; a pod reaching it is OOM-killed. Default 1024 MiB.</summary>
    public double LimitMib { get; init; } = 1024;

    /// <summary>Standard deviation of the per-scrape memory noise, MiB. Default 8.</summary>
    public double NoiseMib { get; init; } = 8;

    /// <summary>Height of the GC sawtooth, MiB. Default 45.</summary>
    public double SawtoothMib { get; init; } = 45;

    /// <summary>Period of the GC sawtooth, seconds. Default 150.</summary>
    public double SawtoothPeriodSeconds { get; init; } = 150;

    /// <summary>How far below <see cref="BaseMib"/> a freshly started process begins, MiB. Default 90.</summary>
    public double WarmupMib { get; init; } = 90;

    /// <summary>Time constant of the start-up warm-up, seconds. Default 150.</summary>
    public double WarmupSeconds { get; init; } = 150;

    /// <summary>Leak of a new pod at normal load, MiB per minute; grows with the load it takes. Default 0.</summary>
    public double LeakMibPerMinute { get; init; }

    /// <summary>Minutes after the deploy when the leak starts. Default 0.</summary>
    public double LeakOnsetMinutes { get; init; }

    /// <summary>Indexes (0-based) of the new pods that leak; null means all. Default null.</summary>
    public IReadOnlyList<int>? LeakingPods { get; init; }

    /// <summary>Memory a new pod's cache adds once warm, MiB (growth that levels off). Default 0.</summary>
    public double PlateauMib { get; init; }

    /// <summary>Time constant of the cache warm-up, seconds. Default 300.</summary>
    public double PlateauTauSeconds { get; init; } = 300;

    /// <summary>A new pod's process crashes this many seconds after each start; null means never. Default null.</summary>
    public double? CrashEverySeconds { get; init; }

    /// <summary>Requests per second per pod. Default 40.</summary>
    public double RequestsPerSecond { get; init; } = 40;

    /// <summary>Share of requests the old pods answer with 500. Default 0.002.</summary>
    public double ErrorRatioBefore { get; init; } = 0.002;

    /// <summary>Share of requests the new pods answer with 500, outside bursts. Default 0.002.</summary>
    public double ErrorRatioAfter { get; init; } = 0.002;

    /// <summary>Periods of a higher error ratio on the new pods. Default none.</summary>
    public IReadOnlyList<ErrorBurst> ErrorBursts { get; init; } = [];

    /// <summary>Median latency of the old pods, milliseconds. Default 70.</summary>
    public double LatencyMedianMsBefore { get; init; } = 70;

    /// <summary>Median latency of the new pods, milliseconds. Default 70.</summary>
    public double LatencyMedianMsAfter { get; init; } = 70;

    /// <summary>Sigma of the lognormal latency distribution. Default 0.55.</summary>
    public double LatencySigma { get; init; } = 0.55;

    /// <summary>
    /// When set, each pod's container has a CPU limit of this many cores (kube-state-metrics'
    /// <c>kube_pod_container_resource_limits{resource="cpu",unit="core"}</c>) and exports cAdvisor's
    /// <c>container_cpu_usage_seconds_total</c>: <see cref="CpuIdleCores"/> plus the CPU of the requests it serves.
    /// Default null: no CPU series.
    /// </summary>
    public double? CpuLimitCores { get; init; }

    /// <summary>Cores a pod uses serving nothing (runtime, GC, health checks). Default 0.05.</summary>
    public double CpuIdleCores { get; init; } = 0.05;

    /// <summary>CPU time of one request on the old pods, milliseconds: with the defaults a pod uses 0.53 cores. Default 12.</summary>
    public double CpuMsPerRequestBefore { get; init; } = 12;

    /// <summary>CPU time of one request on the new pods, milliseconds. Default 12.</summary>
    public double CpuMsPerRequestAfter { get; init; } = 12;

    /// <summary>The new pods export no application metrics (a broken scrape); memory and restarts remain. Default false.</summary>
    public bool NewPodsWithoutAppMetrics { get; init; }

    /// <summary>
    /// When set, the release is rolled back this many minutes after the deploy, as <c>kubectl rollout undo</c> does:
    /// its pods go, and the previous ReplicaSet is scaled up again with new pods (no new ReplicaSet).
    /// </summary>
    public double? RolledBackAfterMinutes { get; init; }

    /// <summary>When set, the previous release's ReplicaSet and pods were created this many minutes before the deploy; default 1 to 2 h before the history starts.</summary>
    public double? PreviousReleaseAgeMinutes { get; init; }

    /// <summary>
    /// The target labels a real scrape adds (kube-prometheus-stack): cAdvisor's series under <c>job="kubelet"</c> with the
    /// node's <c>instance</c>, <c>endpoint</c>, <c>service</c>, <c>metrics_path</c>, <c>node</c> (and <c>id</c>, <c>name</c>,
    /// <c>image</c>); kube-state-metrics' under their own job and instance (with the pod's <c>uid</c>); the application's
    /// with the pod's address as <c>instance</c>. Series of different jobs then share only namespace, pod and container.
    /// Default false.
    /// </summary>
    public bool ScrapeLabels { get; init; }

    /// <summary>
    /// Every pod also has an <c>istio-proxy</c> sidecar (its own memory, limits, restarts and CPU), cAdvisor's pause
    /// container (<c>container="POD"</c>) and the pod's own cgroup (<c>container=""</c>), as real cAdvisor data has. Default false.
    /// </summary>
    public bool Sidecars { get; init; }

    /// <summary>
    /// The kind that owns the ReplicaSets (kube-state-metrics' <c>kube_replicaset_owner{owner_kind=…}</c>):
    /// <c>Deployment</c>, or <c>Rollout</c> for Argo Rollouts. Default "Deployment".
    /// </summary>
    public string OwnerKind { get; init; } = "Deployment";

    /// <summary>
    /// When set, a canary step: this many new pods start at the deploy and the old (stable) pods keep running to the end
    /// of the history, as Argo Rollouts' <c>setWeight</c> leaves them. Default null: the new pods replace the old ones.
    /// </summary>
    public int? CanaryPods { get; init; }

    /// <summary>The name the noise is drawn for, in place of the namespace: two namespaces with one noise name get the same noise. Default null: the namespace.</summary>
    public string? NoiseName { get; init; }

    /// <summary>A good release: the new pods behave like the old ones.</summary>
    public static ReleaseSpec Healthy(string ns) => new(ns);

    /// <summary>The new pods crash a minute after every start.</summary>
    public static ReleaseSpec CrashLoop(string ns) => new(ns) { CrashEverySeconds = 60 };

    /// <summary>
    /// The new pods leak 35 MiB a minute from 15 minutes after the deploy; the first is OOM-killed roughly 15
    /// minutes later and the survivors, taking its load, follow.
    /// </summary>
    public static ReleaseSpec MemoryLeak(string ns) => new(ns) { LeakMibPerMinute = 35, LeakOnsetMinutes = 15 };

    /// <summary>The new pods leak 3 MiB a minute: no OOM kill within the hour, but within a few hours.</summary>
    public static ReleaseSpec SlowLeak(string ns) => new(ns) { LeakMibPerMinute = 3 };

    /// <summary>From two minutes after the deploy, 6 % of requests to the new pods fail (0.2 % before).</summary>
    public static ReleaseSpec ErrorSpike(string ns) => new(ns) { ErrorBursts = [new ErrorBurst(2, 60, 0.06)] };

    /// <summary>The new pods answer with a median of 240 ms instead of 70 ms.</summary>
    public static ReleaseSpec LatencyRegression(string ns) => new(ns) { LatencyMedianMsAfter = 240 };

    /// <summary>A good release whose cache adds 150 MiB over the first 15 minutes, then stays flat.</summary>
    public static ReleaseSpec CacheWarmup(string ns) => new(ns) { PlateauMib = 150 };

    /// <summary>
    /// Each pod at 53 % of a 1-core CPU limit, old and new alike: busy, but if one of 3 is lost the other 2 need 80 %.
    /// </summary>
    public static ReleaseSpec BusyButRedundant(string ns) => new(ns) { CpuLimitCores = 1 };

    /// <summary>
    /// Requests cost 17 ms of CPU on the new pods instead of 12 ms: each sits at 73 % of its 1-core limit (53 %
    /// before), under any per-pod threshold, yet if one of 3 is lost the other 2 need 110 %.
    /// </summary>
    public static ReleaseSpec LostRedundancy(string ns) => new(ns) { CpuLimitCores = 1, CpuMsPerRequestAfter = 17 };

    /// <summary>The new pods export no application metrics; memory and restarts look fine.</summary>
    public static ReleaseSpec NoNewAppMetrics(string ns) => new(ns) { NewPodsWithoutAppMetrics = true };
}
