using System.Globalization;
using System.Net;
using System.Text;

namespace DeployVerifier.Testing;

/// <summary>How a live rollout's new pods behave.</summary>
public enum LiveBehaviour
{
    /// <summary>Flat memory, 0.2 % errors, no restarts.</summary>
    Healthy,

    /// <summary>Every new pod's container crashes every 8 s.</summary>
    CrashLoop,

    /// <summary>Every new pod leaks <see cref="LiveNamespace.LeakMibPerSecond"/> until its 512 MiB limit kills it.</summary>
    Leak,
}

/// <summary>One namespace of a <see cref="LiveRollout"/>: a Deployment <c>checkout</c> whose rolling update starts at <see cref="RolloutAt"/>.</summary>
/// <param name="Name">The namespace.</param>
/// <param name="RolloutAt">When the new ReplicaSet is created; its pods follow 2 s apart, each old pod going 3 s after its replacement.</param>
/// <param name="Behaviour">How the new pods behave.</param>
public sealed record LiveNamespace(string Name, DateTimeOffset RolloutAt, LiveBehaviour Behaviour)
{
    /// <summary>The pods per ReplicaSet: 3.</summary>
    public const int Pods = 3;

    /// <summary>The memory limit of the application container: 512 MiB.</summary>
    public const double LimitMib = 512;

    /// <summary>A leaking pod's growth, MiB per second: 4.</summary>
    public double LeakMibPerSecond { get; init; } = 4;

    /// <summary>A leaking container's memory when it starts: 200 MiB.</summary>
    public const double LeakStartMib = 200;

    /// <summary>How long a leaking container runs before its limit kills it.</summary>
    public TimeSpan LeakLifetime => TimeSpan.FromSeconds((LimitMib - LeakStartMib) / LeakMibPerSecond);

    /// <summary>With a leak, when the first new pod (created at the rollout) is first OOM-killed.</summary>
    public DateTimeOffset FirstOomKillAt => RolloutAt + LeakLifetime;

    /// <summary>Whether kube-state-metrics of this namespace stops answering (its scrapes fail) from <see cref="LiveRollout"/>'s <c>StaleFrom</c>.</summary>
    public bool StaleKubeStateMetrics { get; init; }

    /// <summary>The previous ReplicaSet, created 10 minutes before the rollout.</summary>
    public string OldReplicaSet => $"checkout-{Hash("old")}";

    /// <summary>The ReplicaSet the rollout creates.</summary>
    public string NewReplicaSet => $"checkout-{Hash("new")}";

    public string Pod(bool isNew, int index) => $"{(isNew ? NewReplicaSet : OldReplicaSet)}-{"bcdfg"[index]}{Hash(isNew ? "n" : "o")[..4]}";

    private string Hash(string salt)
    {
        var hash = 2166136261u;
        foreach (var c in Name + salt)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var text = new StringBuilder();
        for (var i = 0; i < 9; i++)
        {
            text.Append(alphabet[(int)(hash % (uint)alphabet.Length)]);
            hash = (hash / (uint)alphabet.Length) ^ (hash << 7);
        }

        return text.ToString();
    }
}

/// <summary>
/// A cluster played in real time for a scraping Prometheus, as three scrape targets shaped as a real cluster's: the
/// kubelet's cAdvisor (per container, with an <c>istio-proxy</c> sidecar, the pause container and the pod cgroup),
/// kube-state-metrics (ReplicaSets, pod owners, limits, restarts), and the application (requests and latency), each on
/// its own loopback port, so Prometheus gives each its own <c>job</c> and <c>instance</c>. A second kube-state-metrics
/// target serves the namespaces whose exporter goes stale (its scrapes fail from <see cref="StaleFrom"/>, once it has
/// answered one scrape with their series: a stopped exporter whose series Prometheus never saw would be a wrong
/// namespace, not a stale one).
/// </summary>
public sealed class LiveRollout : IDisposable
{
    private const double Mib = 1024 * 1024;
    private readonly List<HttpListener> _listeners = [];
    private readonly List<int> _answers = [];
    private readonly TimeProvider _time;
    private volatile IReadOnlyList<LiveNamespace> _namespaces;
    private volatile bool _staleSeriesServed;

    public LiveRollout(IReadOnlyList<LiveNamespace>? namespaces = null, TimeProvider? time = null)
    {
        _namespaces = namespaces ?? [];
        _time = time ?? TimeProvider.System;
        Cadvisor = Listen(writer => Write(writer, CadvisorLines));
        KubeStateMetrics = Listen(writer => Write(writer, (ns, now, lines) => KubeStateLines(ns, now, lines, stale: false)));
        StaleKubeStateMetrics = Listen(writer => _staleSeriesServed |= Write(writer, (ns, now, lines) => KubeStateLines(ns, now, lines, stale: true)),
            () => _time.GetUtcNow() < StaleFrom || !_staleSeriesServed);
        Application = Listen(writer => Write(writer, ApplicationLines));
    }

    /// <summary>
    /// The namespaces the targets serve: none until set, so a test can let Prometheus settle its scrapes first
    /// (<see cref="EveryTargetScrapedAsync"/>) and time the rollouts from there.
    /// </summary>
    public IReadOnlyList<LiveNamespace> Namespaces
    {
        get => _namespaces;
        set => _namespaces = value;
    }

    /// <summary>When the stale kube-state-metrics target starts failing its scrapes (once it has served its namespaces' series).</summary>
    public DateTimeOffset StaleFrom { get; set; } = DateTimeOffset.MaxValue;

    public Uri Cadvisor { get; }

    public Uri KubeStateMetrics { get; }

    public Uri StaleKubeStateMetrics { get; }

    public Uri Application { get; }

    /// <summary>
    /// Prometheus's scrape jobs for the targets: cAdvisor and the application every <paramref name="fast"/> seconds,
    /// kube-state-metrics every <paramref name="slow"/> seconds, with the target labels kube-prometheus-stack gives.
    /// </summary>
    public string ScrapeConfig(int fast, int slow)
    {
        string Job(string name, Uri target, int interval, string path, string labels) =>
            $"""
              - job_name: {name}
                scrape_interval: {interval}s
                scrape_timeout: {Math.Max(1, interval - 1)}s
                metrics_path: {path}
                static_configs:
                  - targets: ['{target.Authority}']
                    labels: {labels}

            """;
        return "scrape_configs:\n"
            + Job("kubelet", Cadvisor, fast, "/metrics/cadvisor",
                "{endpoint: https-metrics, service: kube-prometheus-stack-kubelet, metrics_path: /metrics/cadvisor, node: node-a}")
            + Job("kube-state-metrics", KubeStateMetrics, slow, "/metrics", "{endpoint: http, service: kube-state-metrics}")
            + Job("kube-state-metrics-b", StaleKubeStateMetrics, slow, "/metrics", "{endpoint: http, service: kube-state-metrics-b}")
            + Job("checkout", Application, fast, "/metrics", "{endpoint: http, service: checkout}");
    }

    /// <summary>
    /// Completes once every target has answered a scrape: from then on Prometheus scrapes each at a fixed offset within
    /// its interval, however long the server took to start on a busy machine.
    /// </summary>
    public async Task EveryTargetScrapedAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(timeout);
        while (true)
        {
            lock (_answers)
            {
                if (_answers.TrueForAll(count => count > 0))
                {
                    return;
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Prometheus did not scrape every target of the live rollout within {timeout.TotalSeconds:0} s.");
            }
        }
    }

    public void Dispose()
    {
        foreach (var listener in _listeners)
        {
            listener.Close();
        }
    }

    private Uri Listen(Action<TextWriter> write, Func<bool>? healthy = null)
    {
        var listener = new HttpListener();
        var url = new Uri($"http://127.0.0.1:{LocalServer.FreePort()}/");
        listener.Prefixes.Add(url.ToString());
        listener.Start();
        _listeners.Add(listener);
        int target;
        lock (_answers)
        {
            target = _answers.Count;
            _answers.Add(0);
        }

        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                try
                {
                    if (healthy?.Invoke() == false)
                    {
                        context.Response.StatusCode = 503;
                        context.Response.Close();
                        continue;
                    }

                    using var text = new StringWriter(CultureInfo.InvariantCulture);
                    write(text);
                    var bytes = Encoding.UTF8.GetBytes(text.ToString());
                    context.Response.ContentType = "text/plain; version=0.0.4";
                    await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                    context.Response.Close();
                    lock (_answers)
                    {
                        _answers[target]++;
                    }
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or IOException)
                {
                    // The scraper went away.
                }
            }
        });
        return url;
    }

    /// <summary>Writes the series of every namespace; whether there were any.</summary>
    private bool Write(TextWriter writer, Action<LiveNamespace, double, List<string>> lines)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var all = new List<string>();
        foreach (var ns in _namespaces)
        {
            lines(ns, now, all);
        }

        foreach (var line in all)
        {
            writer.Write(line);
            writer.Write('\n');
        }

        return all.Count > 0;
    }

    /// <summary>The pods that exist at <paramref name="now"/>: old ones until replaced, new ones from their creation.</summary>
    private static IEnumerable<(string Pod, bool IsNew, int Index, double Created)> Pods(LiveNamespace ns, double now)
    {
        var rollout = ns.RolloutAt.ToUnixTimeMilliseconds() / 1000.0;
        for (var i = 0; i < LiveNamespace.Pods; i++)
        {
            var created = rollout + (2 * i);
            if (now < created + 3)
            {
                yield return (ns.Pod(false, i), false, i, rollout - 600 + i);
            }

            if (now >= created)
            {
                yield return (ns.Pod(true, i), true, i, created);
            }
        }
    }

    /// <summary>The application container's state: its memory now and its restarts so far.</summary>
    private static (double MemoryMib, int Restarts, double ProcessAge) State(LiveNamespace ns, bool isNew, int index, double created, double now)
    {
        var age = now - created;
        var wobble = 6 * Math.Sin((now / 3.7) + index);
        if (!isNew || ns.Behaviour == LiveBehaviour.Healthy)
        {
            return (220 + wobble, 0, age);
        }

        if (ns.Behaviour == LiveBehaviour.CrashLoop)
        {
            const double every = 8;
            return (180 + wobble, (int)(age / every), age % every);
        }

        // A leak from the pod's start; at the limit the container is OOM-killed and starts again.
        var toLimit = ns.LeakLifetime.TotalSeconds;
        var restarts = (int)(age / toLimit);
        var processAge = age % toLimit;
        return (LiveNamespace.LeakStartMib + (ns.LeakMibPerSecond * processAge) + wobble, restarts, processAge);
    }

    private static void CadvisorLines(LiveNamespace ns, double now, List<string> lines)
    {
        foreach (var (pod, isNew, index, created) in Pods(ns, now))
        {
            var (memory, restarts, processAge) = State(ns, isNew, index, created, now);
            var common = $"namespace=\"{ns.Name}\",pod=\"{pod}\"";
            var image = isNew ? "checkout:2.0" : "checkout:1.9";
            lines.Add($"container_memory_working_set_bytes{{{common},container=\"checkout\",id=\"/kubepods/{pod}/app-{restarts}\",name=\"app-{restarts}\",image=\"{image}\"}} {Math.Round(memory * Mib)}");
            lines.Add($"container_memory_working_set_bytes{{{common},container=\"istio-proxy\",id=\"/kubepods/{pod}/proxy\",name=\"proxy\",image=\"istio/proxyv2:1.22\"}} {Math.Round(60 * Mib)}");
            lines.Add($"container_memory_working_set_bytes{{{common},container=\"POD\",id=\"/kubepods/{pod}/pause\",name=\"pause\",image=\"pause:3.9\"}} {Math.Round(1 * Mib)}");
            lines.Add($"container_memory_working_set_bytes{{{common},container=\"\",id=\"/kubepods/{pod}\"}} {Math.Round((memory + 61) * Mib)}");
            lines.Add($"container_cpu_usage_seconds_total{{{common},container=\"checkout\",id=\"/kubepods/{pod}/app-{restarts}\",name=\"app-{restarts}\",image=\"{image}\"}} {Number(processAge * 0.3)}");
        }
    }

    private static void KubeStateLines(LiveNamespace ns, double now, List<string> lines, bool stale)
    {
        if (ns.StaleKubeStateMetrics != stale)
        {
            return;
        }

        var rollout = ns.RolloutAt.ToUnixTimeMilliseconds() / 1000.0;
        var owner = $"owner_kind=\"Deployment\",owner_name=\"checkout\",owner_is_controller=\"true\"";
        lines.Add($"kube_replicaset_created{{namespace=\"{ns.Name}\",replicaset=\"{ns.OldReplicaSet}\"}} {Number(Math.Floor(rollout - 600))}");
        lines.Add($"kube_replicaset_owner{{namespace=\"{ns.Name}\",replicaset=\"{ns.OldReplicaSet}\",{owner}}} 1");
        if (now >= rollout)
        {
            lines.Add($"kube_replicaset_created{{namespace=\"{ns.Name}\",replicaset=\"{ns.NewReplicaSet}\"}} {Number(Math.Floor(rollout))}");
            lines.Add($"kube_replicaset_owner{{namespace=\"{ns.Name}\",replicaset=\"{ns.NewReplicaSet}\",{owner}}} 1");
        }

        foreach (var (pod, isNew, index, created) in Pods(ns, now))
        {
            var (_, restarts, _) = State(ns, isNew, index, created, now);
            var common = $"namespace=\"{ns.Name}\",pod=\"{pod}\",uid=\"uid-{pod}\",node=\"node-a\"";
            var set = isNew ? ns.NewReplicaSet : ns.OldReplicaSet;
            lines.Add($"kube_pod_owner{{{common},owner_kind=\"ReplicaSet\",owner_name=\"{set}\",owner_is_controller=\"true\"}} 1");
            lines.Add($"kube_pod_created{{{common}}} {Number(Math.Floor(created))}");
            foreach (var (container, limitMib, restartCount) in new[] { ("checkout", LiveNamespace.LimitMib, restarts), ("istio-proxy", 128.0, 0) })
            {
                lines.Add($"kube_pod_container_resource_limits{{{common},container=\"{container}\",resource=\"memory\",unit=\"byte\"}} {Math.Round(limitMib * Mib)}");
                lines.Add($"kube_pod_container_resource_limits{{{common},container=\"{container}\",resource=\"cpu\",unit=\"core\"}} 1");
                lines.Add($"kube_pod_container_status_restarts_total{{{common},container=\"{container}\"}} {restartCount}");
            }
        }
    }

    private static void ApplicationLines(LiveNamespace ns, double now, List<string> lines)
    {
        foreach (var (pod, isNew, index, created) in Pods(ns, now))
        {
            var (_, _, processAge) = State(ns, isNew, index, created, now);
            var requests = Math.Floor(40 * processAge);
            var errors = Math.Floor(requests * 0.002);
            var app = $"namespace=\"{ns.Name}\",pod=\"{pod}\"";
            lines.Add($"http_requests_total{{{app},code=\"200\"}} {Number(requests - errors)}");
            lines.Add($"http_requests_total{{{app},code=\"500\"}} {Number(errors)}");
            foreach (var (le, share) in new[] { ("0.05", 0.3), ("0.1", 0.7), ("0.25", 0.97), ("0.5", 0.995), ("+Inf", 1.0) })
            {
                lines.Add($"http_request_duration_seconds_bucket{{{app},le=\"{le}\"}} {Number(Math.Floor(requests * share))}");
            }

            lines.Add($"http_request_duration_seconds_sum{{{app}}} {Number(requests * 0.08)}");
            lines.Add($"http_request_duration_seconds_count{{{app}}} {Number(requests)}");
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
