using System.Globalization;

namespace DeployVerifier.Testing;

/// <summary>
/// What a real cluster's scrape adds to the simulated series (<see cref="ReleaseSpec.ScrapeLabels"/>,
/// <see cref="ReleaseSpec.Sidecars"/>), as kube-prometheus-stack labels them: each source's target labels, and a pod's
/// sidecar, pause container and pod cgroup rows.
/// </summary>
internal static class ScrapeShape
{
    private const double Mib = 1024 * 1024;

    /// <summary>cAdvisor's target labels (the kubelet job on the pod's node) and its own id, name and image.</summary>
    public static string Cadvisor(ReleaseSpec spec, string pod, bool isNew, string container = "app") =>
        spec.ScrapeLabels
            ? $",job=\"kubelet\",instance=\"{Node(pod)}:10250\",endpoint=\"https-metrics\",service=\"kube-prometheus-stack-kubelet\","
                + $"metrics_path=\"/metrics/cadvisor\",node=\"{Node(pod)}\",id=\"/kubepods/burstable/pod-{pod}/{container}\",name=\"{container}-{pod}\","
                + $"image=\"registry.example/{spec.Workload}:{(isNew ? "2.4.1" : "2.4.0")}\""
            : string.Empty;

    /// <summary>kube-state-metrics' target labels (its own job and instance) and the pod's uid.</summary>
    public static string KubeState(ReleaseSpec spec, string pod) =>
        spec.ScrapeLabels ? KubeStateTarget(spec) + $",uid=\"uid-{pod}\"" : string.Empty;

    /// <summary>kube-state-metrics' target labels alone, as its ReplicaSet series have them.</summary>
    public static string KubeStateTarget(ReleaseSpec spec) =>
        spec.ScrapeLabels ? ",job=\"kube-state-metrics\",instance=\"10.0.2.9:8080\",endpoint=\"http\",service=\"kube-state-metrics\"" : string.Empty;

    /// <summary>The application's target labels: the pod's own address.</summary>
    public static string Application(ReleaseSpec spec, int index, bool isNew) =>
        spec.ScrapeLabels
            ? string.Create(CultureInfo.InvariantCulture, $",instance=\"10.1.{(isNew ? 2 : 1)}.{10 + index}:8080\",endpoint=\"http\",service=\"{spec.Workload}\"")
            : string.Empty;

    private static string Node(string pod) => $"node-{pod[^1]}";

    /// <summary>A pod's istio-proxy sidecar, pause container and pod cgroup rows.</summary>
    internal sealed class Sidecar
    {
        private readonly SimulatedSeries _memory;
        private readonly SimulatedSeries _cpu;
        private readonly SimulatedSeries _memoryLimit;
        private readonly SimulatedSeries _cpuLimit;
        private readonly SimulatedSeries _restarts;
        private readonly SimulatedSeries _pause;
        private readonly SimulatedSeries _pod;
        private readonly SimulatedSeries _podCpu;

        public Sidecar(ReleaseSpec spec, string pod, bool isNew)
        {
            string Labels(string container) => $"namespace=\"{spec.Namespace}\",pod=\"{pod}\",container=\"{container}\"";
            var proxy = Labels("istio-proxy");
            _memory = new(MetricFamilies.Memory, MetricFamilies.Memory, proxy + Cadvisor(spec, pod, isNew, "proxy"));
            _cpu = new(MetricFamilies.Cpu, MetricFamilies.Cpu + "_total", proxy + Cadvisor(spec, pod, isNew, "proxy"));
            _memoryLimit = new(MetricFamilies.Limits, MetricFamilies.Limits, proxy + KubeState(spec, pod) + ",resource=\"memory\",unit=\"byte\"");
            _cpuLimit = new(MetricFamilies.Limits, MetricFamilies.Limits, proxy + KubeState(spec, pod) + ",resource=\"cpu\",unit=\"core\"");
            _restarts = new(MetricFamilies.Restarts, MetricFamilies.Restarts, proxy + KubeState(spec, pod));
            _pause = new(MetricFamilies.Memory, MetricFamilies.Memory, Labels("POD") + Cadvisor(spec, pod, isNew, "pause"));
            _pod = new(MetricFamilies.Memory, MetricFamilies.Memory, Labels(string.Empty) + Cadvisor(spec, pod, isNew, "pod"));
            _podCpu = new(MetricFamilies.Cpu, MetricFamilies.Cpu + "_total", Labels(string.Empty) + Cadvisor(spec, pod, isNew, "pod"));
        }

        public IEnumerable<SimulatedSeries> Series => [_memory, _cpu, _memoryLimit, _cpuLimit, _restarts, _pause, _pod, _podCpu];

        /// <summary>What a scrape at <paramref name="t"/> sees, the pod <paramref name="age"/> seconds old, its application using <paramref name="appBytes"/>.</summary>
        public void Record(long t, long age, double appBytes, double appCpuSeconds)
        {
            var proxyMib = 58 + (6 * Math.Sin(t / 97.0)) + (t % 7);
            RecordKubernetes(t);
            _memory.Add(t, Math.Round(proxyMib * Mib));
            _cpu.Add(t, Math.Round(0.02 * age, 3));
            _pause.Add(t, Math.Round(0.6 * Mib));
            _pod.Add(t, Math.Round(appBytes + ((proxyMib + 0.6) * Mib)));
            _podCpu.Add(t, Math.Round(appCpuSeconds + (0.0205 * age), 3));
        }

        public void RecordKubernetes(long t)
        {
            _memoryLimit.Add(t, 256 * Mib);
            _cpuLimit.Add(t, 0.5);
            _restarts.Add(t, 0);
        }
    }
}
