using System.Globalization;
using System.Text;

namespace DeployVerifier.Testing;

/// <summary>
/// Deterministic Prometheus history of simulated rollouts, one namespace per <see cref="ReleaseSpec"/>: cAdvisor
/// working set (and CPU, when the spec sets <see cref="ReleaseSpec.CpuLimitCores"/>), kube-state-metrics limits and
/// restarts, and the application's request counter and latency histogram, scraped every 15 s.
/// <see cref="WriteOpenMetrics"/> writes it for <c>promtool tsdb create-blocks-from openmetrics</c>.
/// </summary>
public sealed class ReleaseHistory
{
    /// <summary>The scrape interval: every sample time is a multiple of it.</summary>
    public const int ScrapeIntervalSeconds = 15;

    private const string PodNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private ReleaseHistory(IReadOnlyList<ScenarioHistory> scenarios) => Scenarios = scenarios;

    /// <summary>The simulated scenarios, in the order given.</summary>
    public IReadOnlyList<ScenarioHistory> Scenarios { get; }

    /// <summary>The scenario of namespace <paramref name="ns"/>.</summary>
    public ScenarioHistory this[string ns] =>
        Scenarios.FirstOrDefault(s => s.Spec.Namespace == ns)
        ?? throw new KeyNotFoundException($"No scenario for namespace '{ns}'.");

    /// <summary>Simulates every spec; the same specs give the same history.</summary>
    /// <exception cref="ArgumentException">A spec is invalid, or two specs share a namespace.</exception>
    public static ReleaseHistory Generate(params IEnumerable<ReleaseSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var list = specs.ToList();
        var duplicate = list.GroupBy(s => s.Namespace, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Namespace '{duplicate.Key}' appears more than once.", nameof(specs));
        }

        return new ReleaseHistory([.. list.Select(Simulate)]);
    }

    /// <summary>
    /// Successive releases of one workload in one namespace, as a team's history: each release replaces the pods
    /// running at the end of the one before (its new pods, or after a rollback the pods the undo started) and its old
    /// ReplicaSet is that one's. The specs share a namespace and workload, come in time order, and their windows
    /// (<c>DeployedAt - PreMinutes</c> to <c>DeployedAt + PostMinutes</c>) don't overlap; the first one's previous release is simulated as usual.
    /// </summary>
    /// <exception cref="ArgumentException">The specs are invalid, differ in namespace or workload, or overlap.</exception>
    public static ReleaseHistory Sequence(params IEnumerable<ReleaseSpec> releases)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var list = releases.ToList();
        var scenarios = new List<ScenarioHistory>();
        Running? running = null;
        for (var k = 0; k < list.Count; k++)
        {
            var spec = list[k];
            if (k > 0)
            {
                var before = list[k - 1];
                if (spec.Namespace != before.Namespace || spec.Workload != before.Workload)
                {
                    throw new ArgumentException("Every release of a sequence has the same namespace and workload.", nameof(releases));
                }

                if (spec.DeployedAt.AddMinutes(-spec.PreMinutes) <= before.DeployedAt.AddMinutes(before.PostMinutes))
                {
                    throw new ArgumentException($"Release {k} starts its history before release {k - 1} ends its own.", nameof(releases));
                }
            }

            var scenario = Simulate(spec, running);
            scenarios.Add(scenario);
            running = scenario.RunningAtEnd;
        }

        return new ReleaseHistory(scenarios);
    }

    /// <summary>The history as OpenMetrics text. For large histories prefer <see cref="WriteOpenMetrics"/>.</summary>
    public string ToOpenMetrics()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteOpenMetrics(writer);
        return writer.ToString();
    }

    /// <summary>Writes the history to a file as OpenMetrics (UTF-8, no BOM).</summary>
    public void WriteOpenMetrics(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        WriteOpenMetrics(writer);
    }

    /// <summary>
    /// Writes the history as OpenMetrics with timestamps in seconds: a <c># TYPE</c> line per family, the samples
    /// of a family together, each series' samples in time order, and <c># EOF</c> at the end.
    /// </summary>
    public void WriteOpenMetrics(TextWriter writer) => WriteText(writer, openMetrics: true);

    /// <summary>
    /// Writes the history in the Prometheus text exposition format with timestamps in milliseconds, as
    /// VictoriaMetrics' <c>/api/v1/import/prometheus</c> takes it: the same sample lines as
    /// <see cref="WriteOpenMetrics(TextWriter)"/>, without the OpenMetrics <c># TYPE</c> lines and <c># EOF</c>.
    /// </summary>
    public void WritePrometheusText(TextWriter writer) => WriteText(writer, openMetrics: false);

    private void WriteText(TextWriter writer, bool openMetrics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> number = stackalloc char[32];
        var scale = openMetrics ? 1L : 1000L;
        foreach (var (family, type) in MetricFamilies.All)
        {
            var members = Scenarios.SelectMany(s => s.Series).Where(s => s.Family == family).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            if (openMetrics)
            {
                writer.Write($"# TYPE {family} {type}\n");
            }

            foreach (var series in members)
            {
                for (var i = 0; i < series.Count; i++)
                {
                    writer.Write(series.Prefix);
                    writer.Write(' ');
                    writer.Write(Format(series.ValueAt(i), number));
                    writer.Write(' ');
                    (series.TimeAt(i) * scale).TryFormat(number, out var written, provider: CultureInfo.InvariantCulture);
                    writer.Write(number[..written]);
                    writer.Write('\n');
                }
            }
        }

        if (openMetrics)
        {
            writer.Write("# EOF\n");
        }
    }

    private static ReadOnlySpan<char> Format(double value, Span<char> buffer)
    {
        int written;
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            ((long)value).TryFormat(buffer, out written, provider: CultureInfo.InvariantCulture);
        }
        else
        {
            value.TryFormat(buffer, out written, "R", CultureInfo.InvariantCulture);
        }

        return buffer[..written];
    }

    private static ScenarioHistory Simulate(ReleaseSpec spec) => Simulate(spec, null);

    private static ScenarioHistory Simulate(ReleaseSpec spec, Running? previous)
    {
        Validate(spec);
        var deploy = spec.DeployedAt.ToUnixTimeSeconds();

        // The releases of a sequence share a namespace: the deploy time tells their pods' names and noise apart.
        var random = new Random(previous is null ? SeedOf(spec) : SeedOf(spec) ^ (int)deploy);
        var start = deploy - (spec.PreMinutes * 60L);
        var end = deploy + (spec.PostMinutes * 60L);
        var (oldNames, newNames) = PodNames(random, spec);
        newNames = [.. newNames.Take(spec.CanaryPods ?? spec.Pods)];
        if (previous is not null)
        {
            oldNames = [.. previous.Pods.Take(spec.Pods)];
        }

        var pods = new List<SimulatedPod>();
        var previousCreated = previous?.ReplicaSetCreated
            ?? (spec.PreviousReleaseAgeMinutes is { } age ? deploy - (long)(age * 60) : start - (3600 + (random.NextDouble() * 3600)));
        for (var i = 0; i < oldNames.Length; i++)
        {
            // Old pods started an hour or two before the window, so they are warmed up; each stops 30 s after
            // the deploy plus 20 s per pod, once its replacement is ready (a canary's stable pods keep running).
            var podStart = spec.PreviousReleaseAgeMinutes is null && previous is null ? start - (3600 + (random.NextDouble() * 3600)) : previousCreated + (20 * i);
            pods.Add(new SimulatedPod(spec, random, oldNames[i], i, isNew: false, podStart, spec.CanaryPods is null ? deploy + 30 + (20 * i) : end));
        }

        var newEnd = spec.RolledBackAfterMinutes is { } back ? deploy + (long)(back * 60) : end;
        for (var i = 0; i < newNames.Length; i++)
        {
            pods.Add(new SimulatedPod(spec, random, newNames[i], i, isNew: true, deploy + (20 * i), newEnd));
        }

        var runningAtEnd = new Running(newNames, deploy);
        if (spec.RolledBackAfterMinutes is not null)
        {
            // The undo scales the previous ReplicaSet up again: new pods of the old template.
            var oldSet = oldNames[0][..oldNames[0].LastIndexOf('-')];
            var undone = new List<string>();
            for (var i = 0; i < spec.Pods; i++)
            {
                undone.Add($"{oldSet}-{RandomText(random, 5)}");
                pods.Add(new SimulatedPod(spec, random, undone[^1], i, isNew: false, newEnd + (20 * i), end));
            }

            runningAtEnd = new Running([.. undone], (long)Math.Floor(previousCreated));
        }

        var first = start - Modulo(start, ScrapeIntervalSeconds);
        for (var t = first; t <= end; t += ScrapeIntervalSeconds)
        {
            Step(spec, pods, t, deploy);
        }

        var sets = ReplicaSets(spec, pods, first, end, (long)Math.Floor(previousCreated), deploy);
        var crashes = pods.Where(p => p.IsNew && p.FirstCrash is not null).Select(p => p.FirstCrash!.Value).ToList();
        var lastSample = end - Modulo(end - first, ScrapeIntervalSeconds);
        return new ScenarioHistory(
            spec,
            oldNames,
            newNames,
            DateTimeOffset.FromUnixTimeSeconds(first),
            DateTimeOffset.FromUnixTimeSeconds(lastSample),
            crashes.Count > 0 ? DateTimeOffset.FromUnixTimeSeconds(crashes.Min()) : null,
            [.. pods.SelectMany(p => p.Series), .. sets])
        {
            RunningAtEnd = runningAtEnd,
        };
    }

    /// <summary>kube-state-metrics' ReplicaSet series: each set's creation time, and its owner, for as long as the set exists (Kubernetes keeps old ones).</summary>
    private static List<SimulatedSeries> ReplicaSets(ReleaseSpec spec, List<SimulatedPod> pods, long first, long end, long previousCreated, long deploy)
    {
        var series = new List<SimulatedSeries>();
        foreach (var set in pods.GroupBy(p => p.ReplicaSet))
        {
            var isNew = set.Any(p => p.IsNew);
            var created = isNew ? deploy : previousCreated;
            var labels = $"namespace=\"{spec.Namespace}\",replicaset=\"{set.Key}\"" + ScrapeShape.KubeStateTarget(spec);
            var createdSeries = new SimulatedSeries(MetricFamilies.ReplicaSetCreated, MetricFamilies.ReplicaSetCreated, labels);
            var ownerSeries = new SimulatedSeries(MetricFamilies.ReplicaSetOwner, MetricFamilies.ReplicaSetOwner,
                labels + $",owner_kind=\"{spec.OwnerKind}\",owner_name=\"{spec.Workload}\",owner_is_controller=\"true\"");
            for (var t = Math.Max(first, created + Modulo(-created, ScrapeIntervalSeconds)); t <= end; t += ScrapeIntervalSeconds)
            {
                createdSeries.Add(t, created);
                ownerSeries.Add(t, 1);
            }

            series.Add(createdSeries);
            series.Add(ownerSeries);
        }

        return series;
    }

    private static void Step(ReleaseSpec spec, List<SimulatedPod> pods, long t, long deploy)
    {
        var alive = pods.Count(p => p.Exists(t));
        var down = pods.Count(p => p.IsDown(t));
        var minutes = (t - deploy) / 60.0;
        foreach (var pod in pods)
        {
            var ratio = pod.IsNew ? spec.ErrorRatioAfter : spec.ErrorRatioBefore;
            var median = pod.IsNew ? spec.LatencyMedianMsAfter : spec.LatencyMedianMsBefore;
            if (pod.IsNew)
            {
                foreach (var burst in spec.ErrorBursts.Where(b => b.StartMinute <= minutes && minutes < b.EndMinute))
                {
                    ratio = burst.Ratio;
                }
            }

            var load = 1.0;
            if (down > 0 && alive > 0)
            {
                // Survivors take the traffic of the pods that are down, and shed what they cannot take.
                ratio = Math.Min(0.9, ratio + (0.35 * down / alive));
                median *= 1 + (2.0 * down / alive);
                load = alive / (double)Math.Max(alive - down, 1);
            }

            pod.Step(t, deploy, ratio, median, load);
        }
    }

    private static (string[] Old, string[] New) PodNames(Random random, ReleaseSpec spec)
    {
        var oldHash = RandomText(random, 9);
        var newHash = RandomText(random, 9);
        while (newHash == oldHash)
        {
            newHash = RandomText(random, 9);
        }

        string[] Names(string hash) =>
            [.. Enumerable.Range(0, spec.Pods).Select(_ => $"{spec.Workload}-{hash}-{RandomText(random, 5)}")];
        var oldNames = Names(oldHash);
        return (oldNames, Names(newHash));
    }

    private static string RandomText(Random random, int length) =>
        string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = PodNameAlphabet[r.Next(PodNameAlphabet.Length)];
            }
        });

    /// <summary>FNV-1a of the namespace and seed: string.GetHashCode differs between processes.</summary>
    private static int SeedOf(ReleaseSpec spec)
    {
        var hash = 2166136261u;
        foreach (var c in $"{spec.Seed}:{spec.NoiseName ?? spec.Namespace}")
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return unchecked((int)hash);
    }

    private static long Modulo(long value, long divisor) => ((value % divisor) + divisor) % divisor;

    private static void Validate(ReleaseSpec spec)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(spec.Namespace) || spec.Namespace.AsSpan().IndexOfAny("\"\\\n{}") >= 0)
        {
            errors.Add("Namespace must be a non-empty label value");
        }

        if (string.IsNullOrEmpty(spec.Workload) || spec.Workload.AsSpan().IndexOfAny("\"\\\n{}") >= 0)
        {
            errors.Add("Workload must be a non-empty label value");
        }

        if (spec.Pods < 1)
        {
            errors.Add("Pods must be at least 1");
        }

        if (spec.CanaryPods is { } canary && (canary < 1 || canary > spec.Pods || spec.RolledBackAfterMinutes is not null))
        {
            errors.Add("CanaryPods must be from 1 to Pods, and not with RolledBackAfterMinutes");
        }

        if (spec.OwnerKind is not ("Deployment" or "Rollout"))
        {
            errors.Add("OwnerKind must be Deployment or Rollout");
        }

        if (spec.PreMinutes < 0 || spec.PostMinutes < 1)
        {
            errors.Add("PreMinutes must be at least 0 and PostMinutes at least 1");
        }

        if (spec.LimitMib <= 0 || spec.SawtoothPeriodSeconds <= 0 || spec.PlateauTauSeconds <= 0 || spec.LatencySigma <= 0)
        {
            errors.Add("LimitMib, SawtoothPeriodSeconds, PlateauTauSeconds and LatencySigma must be positive");
        }

        if (spec.CpuLimitCores is <= 0 || spec.CpuIdleCores < 0 || spec.CpuMsPerRequestBefore < 0 || spec.CpuMsPerRequestAfter < 0)
        {
            errors.Add("CpuLimitCores must be positive, and CpuIdleCores and CpuMsPerRequestBefore/After at least 0");
        }

        if (spec.CrashEverySeconds is <= 0)
        {
            errors.Add("CrashEverySeconds must be positive");
        }

        if (spec.LeakingPods?.Any(i => i < 0 || i >= spec.Pods) == true)
        {
            errors.Add($"LeakingPods must be indexes from 0 to {spec.Pods - 1}");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid release spec for '{spec.Namespace}': {string.Join("; ", errors)}.");
        }
    }

    /// <summary>The pods running when a release's history ends, and when their ReplicaSet was created: the next release of a sequence replaces them.</summary>
    internal sealed record Running(string[] Pods, long ReplicaSetCreated);
}
