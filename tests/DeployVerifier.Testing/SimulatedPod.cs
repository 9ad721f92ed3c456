namespace DeployVerifier.Testing;

/// <summary>
/// One pod's container over its life: its working set, CPU (when the spec sets a CPU limit), restarts and the
/// counters its process exports. A process that crashes or reaches its memory limit is down for 20 s; then it starts
/// again from the warm-up level, with its leak, its CPU counter and its application counters back at zero.
/// </summary>
internal sealed class SimulatedPod
{
    private const double DownSeconds = 20;
    private const double MinimumMib = 32;
    private const double Mib = 1024 * 1024;

    private readonly ReleaseSpec _spec;
    private readonly Random _random;
    private readonly long _start;
    private readonly long _end;
    private readonly bool _leaks;
    private readonly double _sawPhase;
    private readonly double[] _buckets = new double[MetricFamilies.BucketBounds.Count];
    private readonly SimulatedSeries _restartSeries;
    private readonly SimulatedSeries _limitSeries;
    private readonly SimulatedSeries _memorySeries;
    private readonly SimulatedSeries? _cpuSeries;
    private readonly SimulatedSeries? _cpuLimitSeries;
    private readonly SimulatedSeries _okSeries;
    private readonly SimulatedSeries _errorSeries;
    private readonly SimulatedSeries[] _bucketSeries;
    private readonly SimulatedSeries _sumSeries;
    private readonly SimulatedSeries _countSeries;
    private readonly SimulatedSeries _ownerSeries;
    private readonly ScrapeShape.Sidecar? _sidecar;
    private double _processStart;
    private double _downUntil = double.NegativeInfinity;
    private double _leaked;
    private double _ok;
    private double _errors;
    private double _sum;
    private double _cpuSeconds;
    private int _restarts;

    public SimulatedPod(ReleaseSpec spec, Random random, string name, int index, bool isNew, double start, long end)
    {
        _spec = spec;
        _random = random;
        Name = name;
        IsNew = isNew;
        _start = (long)Math.Ceiling(start);
        _end = end;
        _processStart = start;
        _leaks = isNew && spec.LeakMibPerMinute > 0 && (spec.LeakingPods is null || spec.LeakingPods.Contains(index));
        _sawPhase = random.NextDouble() * spec.SawtoothPeriodSeconds;

        var container = $"namespace=\"{spec.Namespace}\",pod=\"{name}\",container=\"{spec.Workload}\"";
        var app = $"namespace=\"{spec.Namespace}\",pod=\"{name}\",job=\"{spec.Workload}\"" + ScrapeShape.Application(spec, index, isNew);
        var cadvisor = container + ScrapeShape.Cadvisor(spec, name, isNew);
        var kubeState = container + ScrapeShape.KubeState(spec, name);
        _memorySeries = new(MetricFamilies.Memory, MetricFamilies.Memory, cadvisor);
        _limitSeries = new(MetricFamilies.Limits, MetricFamilies.Limits, kubeState + ",resource=\"memory\",unit=\"byte\"");
        _restartSeries = new(MetricFamilies.Restarts, MetricFamilies.Restarts, kubeState);
        if (spec.CpuLimitCores is not null)
        {
            _cpuSeries = new(MetricFamilies.Cpu, MetricFamilies.Cpu + "_total", cadvisor);
            _cpuLimitSeries = new(MetricFamilies.Limits, MetricFamilies.Limits, kubeState + ",resource=\"cpu\",unit=\"core\"");
        }

        _sidecar = spec.Sidecars ? new ScrapeShape.Sidecar(spec, name, isNew) : null;
        _okSeries = new(MetricFamilies.Requests, "http_requests_total", app + ",code=\"200\"");
        _errorSeries = new(MetricFamilies.Requests, "http_requests_total", app + ",code=\"500\"");
        _bucketSeries = [.. MetricFamilies.BucketLabels.Select(
            le => new SimulatedSeries(MetricFamilies.Duration, MetricFamilies.Duration + "_bucket", app + $",le=\"{le}\""))];
        _sumSeries = new(MetricFamilies.Duration, MetricFamilies.Duration + "_sum", app);
        _countSeries = new(MetricFamilies.Duration, MetricFamilies.Duration + "_count", app);
        ReplicaSet = name[..name.LastIndexOf('-')];
        _ownerSeries = new(MetricFamilies.PodOwner, MetricFamilies.PodOwner,
            $"namespace=\"{spec.Namespace}\",pod=\"{name}\",owner_kind=\"ReplicaSet\",owner_name=\"{ReplicaSet}\",owner_is_controller=\"true\""
            + ScrapeShape.KubeState(spec, name));
    }

    /// <summary>The pod's ReplicaSet: its name without the last <c>-suffix</c>.</summary>
    public string ReplicaSet { get; }

    /// <summary>When Kubernetes created the pod, unix seconds.</summary>
    public long Start => _start;

    public string Name { get; }

    public bool IsNew { get; }

    /// <summary>When the process first crashed or was OOM-killed, unix seconds.</summary>
    public long? FirstCrash { get; private set; }

    public IEnumerable<SimulatedSeries> Series =>
    [
        _memorySeries, _limitSeries, _restartSeries, _okSeries, _errorSeries, .. _bucketSeries, _sumSeries, _countSeries, _ownerSeries,
        .. _cpuSeries is null ? [] : new[] { _cpuSeries, _cpuLimitSeries! },
        .. _sidecar?.Series ?? [],
    ];

    /// <summary>Whether Kubernetes has the pod at <paramref name="t"/> (its process may be down).</summary>
    public bool Exists(long t) => t >= _start && t <= _end;

    public bool IsDown(long t) => Exists(t) && t < _downUntil;

    /// <summary>Advances one scrape interval and records what a scrape at <paramref name="t"/> sees.</summary>
    /// <param name="t">Scrape time, unix seconds.</param>
    /// <param name="deploy">Deploy time, unix seconds.</param>
    /// <param name="errorRatio">Share of requests that fail now.</param>
    /// <param name="medianMs">Median latency now.</param>
    /// <param name="load">Traffic relative to normal: above 1 while other pods are down.</param>
    public void Step(long t, long deploy, double errorRatio, double medianMs, double load)
    {
        if (!Exists(t))
        {
            return;
        }

        _ownerSeries.Add(t, 1);

        if (t < _downUntil || CrashesAt(t, deploy, load, out var memoryMib))
        {
            RecordKubernetes(t);
            _sidecar?.RecordKubernetes(t);
            return;
        }

        ServeRequests(errorRatio, medianMs, load);
        RecordKubernetes(t);
        _memorySeries.Add(t, Math.Round(memoryMib * Mib));
        _cpuSeries?.Add(t, Math.Round(_cpuSeconds, 3));
        _sidecar?.Record(t, t - _start, memoryMib * Mib, _cpuSeconds);
        if (IsNew && _spec.NewPodsWithoutAppMetrics)
        {
            return;
        }

        _okSeries.Add(t, _ok);
        _errorSeries.Add(t, _errors);
        for (var i = 0; i < _buckets.Length; i++)
        {
            _bucketSeries[i].Add(t, _buckets[i]);
        }

        _sumSeries.Add(t, _sum);
        _countSeries.Add(t, _ok + _errors);
    }

    private bool CrashesAt(long t, long deploy, double load, out double memoryMib)
    {
        memoryMib = 0;
        if (IsNew && _spec.CrashEverySeconds is { } every && t - _processStart >= every)
        {
            Restart(t);
            return true;
        }

        memoryMib = MemoryMib(t, deploy, load);
        if (memoryMib >= _spec.LimitMib)
        {
            Restart(t);
            return true;
        }

        return false;
    }

    private double MemoryMib(long t, long deploy, double load)
    {
        var s = _spec;
        var age = t - _processStart;
        var value = s.BaseMib - (s.WarmupMib * Math.Exp(-age / Math.Max(s.WarmupSeconds, 1)));
        value += s.SawtoothMib * ((age + _sawPhase) % s.SawtoothPeriodSeconds / s.SawtoothPeriodSeconds);
        value += Lognormal.NextGaussian(_random, 0, s.NoiseMib);
        if (IsNew && s.PlateauMib != 0)
        {
            value += s.PlateauMib * (1 - Math.Exp(-age / s.PlateauTauSeconds));
        }

        if (_leaks && t > deploy + (s.LeakOnsetMinutes * 60))
        {
            // The leak grows with the requests served, so survivors of a crash leak faster.
            _leaked += s.LeakMibPerMinute * load * ReleaseHistory.ScrapeIntervalSeconds / 60;
        }

        return Math.Max(value + _leaked, MinimumMib);
    }

    private void ServeRequests(double errorRatio, double medianMs, double load)
    {
        var perScrape = _spec.RequestsPerSecond * ReleaseHistory.ScrapeIntervalSeconds;
        var requests = Math.Max(0, Lognormal.NextGaussian(_random, perScrape * load, Math.Sqrt(perScrape)));
        var expectedErrors = requests * errorRatio;
        var errors = Math.Min(requests, Math.Max(0, Lognormal.NextGaussian(_random, expectedErrors, Math.Sqrt(expectedErrors + 1e-9))));
        errors = Math.Round(errors);
        requests = Math.Round(requests);
        var cpuMs = IsNew ? _spec.CpuMsPerRequestAfter : _spec.CpuMsPerRequestBefore;
        _cpuSeconds += (_spec.CpuIdleCores * ReleaseHistory.ScrapeIntervalSeconds) + (requests * cpuMs / 1000);
        _ok += requests - errors;
        _errors += errors;
        var median = medianMs / 1000;
        _sum += requests * Lognormal.Mean(median, _spec.LatencySigma);
        for (var i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] += Math.Round(requests * Lognormal.Cdf(MetricFamilies.BucketBounds[i], median, _spec.LatencySigma));
        }
    }

    private void Restart(long t)
    {
        _restarts++;
        FirstCrash ??= t;
        _leaked = 0;
        _downUntil = t + DownSeconds;
        _processStart = t + DownSeconds;
        _ok = 0;
        _errors = 0;
        _sum = 0;
        _cpuSeconds = 0;
        Array.Clear(_buckets);
    }

    private void RecordKubernetes(long t)
    {
        _restartSeries.Add(t, _restarts);
        _limitSeries.Add(t, _spec.LimitMib * Mib);
        _cpuLimitSeries?.Add(t, _spec.CpuLimitCores!.Value);
    }
}
