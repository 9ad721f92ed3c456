using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DeployVerifier.Testing;

[TestClass]
public sealed partial class ReleaseHistoryTests
{
    private static readonly long Deploy = ReleaseSpec.DefaultDeployedAt.ToUnixTimeSeconds();

    [TestMethod]
    public void WriteOpenMetrics_TwoScenarios_OneTypeLinePerFamilyInOrderEndingWithEof()
    {
        var text = ReleaseHistory.Generate(ReleaseSpec.Healthy("a"), ReleaseSpec.CrashLoop("b")).ToOpenMetrics();

        var typeLines = text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                "# TYPE container_memory_working_set_bytes gauge",
                "# TYPE kube_pod_container_resource_limits gauge",
                "# TYPE kube_pod_container_status_restarts_total gauge",
                "# TYPE http_requests counter",
                "# TYPE http_request_duration_seconds histogram",
                "# TYPE kube_pod_owner gauge",
                "# TYPE kube_replicaset_created gauge",
                "# TYPE kube_replicaset_owner gauge",
            },
            typeLines);
        Assert.EndsWith("\n# EOF\n", text);
        Assert.AreEqual(1, text.Split('\n').Count(l => l == "# EOF"));
    }

    [TestMethod]
    public void WriteOpenMetrics_TwoScenarios_SamplesOfAFamilyFollowItsTypeLine()
    {
        var text = ReleaseHistory.Generate(ReleaseSpec.Healthy("a"), ReleaseSpec.ErrorSpike("b")).ToOpenMetrics();

        string? family = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                family = line.Split(' ')[2];
                continue;
            }

            if (line == "# EOF")
            {
                break;
            }

            var name = OpenMetricsSample.Parse(line).Name;
            Assert.IsTrue(
                family is not null && (name == family || name.StartsWith(family + "_", StringComparison.Ordinal)),
                $"{name} outside its family (current {family})");
        }
    }

    [TestMethod]
    public void WriteOpenMetrics_EachSeries_ContiguousAndInTimeOrderOnTheScrapeGrid()
    {
        var history = ReleaseHistory.Generate(ReleaseSpec.CrashLoop("a"));
        var samples = OpenMetricsSample.ParseAll(history.ToOpenMetrics());

        var seen = new HashSet<string>();
        string? current = null;
        long last = long.MinValue;
        foreach (var sample in samples)
        {
            var key = sample.Name + "{" + sample.Labels + "}";
            if (key != current)
            {
                Assert.IsTrue(seen.Add(key), $"{key} is split");
                current = key;
                last = long.MinValue;
            }

            Assert.IsGreaterThan(last, sample.Time);
            Assert.AreEqual(0, sample.Time % ReleaseHistory.ScrapeIntervalSeconds);
            Assert.IsTrue(sample.Time >= history.Scenarios[0].Start.ToUnixTimeSeconds() && sample.Time <= history.Scenarios[0].End.ToUnixTimeSeconds());
            last = sample.Time;
        }
    }

    [TestMethod]
    public void Generate_SameSpecs_SameText()
    {
        var first = ReleaseHistory.Generate(ReleaseSpec.Healthy("a"), ReleaseSpec.MemoryLeak("b")).ToOpenMetrics();
        var second = ReleaseHistory.Generate(ReleaseSpec.Healthy("a"), ReleaseSpec.MemoryLeak("b")).ToOpenMetrics();

        Assert.AreEqual(first, second);
    }

    [TestMethod]
    public void Generate_OtherSeed_OtherNoise()
    {
        var first = ReleaseHistory.Generate(ReleaseSpec.Healthy("a")).ToOpenMetrics();
        var second = ReleaseHistory.Generate(ReleaseSpec.Healthy("a") with { Seed = 2 }).ToOpenMetrics();

        Assert.AreNotEqual(first, second);
    }

    [TestMethod]
    public void Generate_Pods_NamedLikeAReplicaSetWithNewTemplateHash()
    {
        var scenario = ReleaseHistory.Generate(ReleaseSpec.Healthy("a"))["a"];

        Assert.HasCount(3, scenario.OldPods);
        Assert.HasCount(3, scenario.NewPods);
        foreach (var pod in scenario.OldPods.Concat(scenario.NewPods))
        {
            Assert.MatchesRegex(PodName(), pod);
        }

        Assert.AreNotEqual(scenario.OldPods[0][..18], scenario.NewPods[0][..18]);
        Assert.AreEqual(6, scenario.OldPods.Concat(scenario.NewPods).Distinct().Count());
    }

    [TestMethod]
    public void Generate_Healthy_NoCrashAndNoRestarts()
    {
        var history = ReleaseHistory.Generate(ReleaseSpec.Healthy("a"));

        Assert.IsNull(history["a"].FirstNewPodCrash);
        Assert.IsTrue(OpenMetricsSample.ParseAll(history.ToOpenMetrics())
            .Where(s => s.Name == "kube_pod_container_status_restarts_total")
            .All(s => s.Value == 0));
    }

    [TestMethod]
    public void Generate_CrashLoop_NewPodsRestartAboutAMinuteAfterStart()
    {
        var history = ReleaseHistory.Generate(ReleaseSpec.CrashLoop("a"));
        var scenario = history["a"];
        var restarts = OpenMetricsSample.ParseAll(history.ToOpenMetrics())
            .Where(s => s.Name == "kube_pod_container_status_restarts_total" && s.Time == Deploy + 600)
            .ToList();

        Assert.AreEqual(Deploy + 60, scenario.FirstNewPodCrash?.ToUnixTimeSeconds());
        Assert.IsTrue(scenario.NewPods.All(pod => restarts.Single(s => s.HasLabel("pod", pod)).Value >= 5));
    }

    [TestMethod]
    public void Generate_MemoryLeak_FirstOomKillWellAfterOnset()
    {
        var crash = ReleaseHistory.Generate(ReleaseSpec.MemoryLeak("a"))["a"].FirstNewPodCrash!.Value;
        var minutes = (crash - ReleaseSpec.DefaultDeployedAt).TotalMinutes;

        Assert.IsTrue(minutes is > 20 and < 60, $"first OOM kill {minutes} minutes after the deploy");
    }

    [TestMethod]
    public void Generate_NoNewAppMetrics_NewPodsHaveMemoryButNoRequests()
    {
        var history = ReleaseHistory.Generate(ReleaseSpec.NoNewAppMetrics("a"));
        var scenario = history["a"];
        var samples = OpenMetricsSample.ParseAll(history.ToOpenMetrics());

        foreach (var pod in scenario.NewPods)
        {
            Assert.IsTrue(samples.Any(s => s.Name == "container_memory_working_set_bytes" && s.HasLabel("pod", pod)));
            Assert.IsFalse(samples.Any(s => s.Name.StartsWith("http_", StringComparison.Ordinal) && s.HasLabel("pod", pod)));
        }

        Assert.IsTrue(samples.Any(s => s.Name == "http_requests_total" && s.HasLabel("pod", scenario.OldPods[0])));
    }

    [TestMethod]
    public void Generate_NoCpuLimit_NoCpuSeries()
    {
        var text = ReleaseHistory.Generate(ReleaseSpec.Healthy("a")).ToOpenMetrics();

        Assert.DoesNotContain("container_cpu_usage_seconds", text);
        Assert.DoesNotContain("resource=\"cpu\"", text);
    }

    [TestMethod]
    public void Generate_LostRedundancy_CpuGrowsWithTheRequestsServedAgainstA1CoreLimit()
    {
        var history = ReleaseHistory.Generate(ReleaseSpec.LostRedundancy("a"));
        var scenario = history["a"];
        var samples = OpenMetricsSample.ParseAll(history.ToOpenMetrics());

        double Cores(string pod, long from, long to)
        {
            var cpu = samples.Where(s => s.Name == "container_cpu_usage_seconds_total" && s.HasLabel("pod", pod)).ToDictionary(s => s.Time, s => s.Value);
            return (cpu[to] - cpu[from]) / (to - from);
        }

        foreach (var pod in scenario.NewPods)
        {
            Assert.AreEqual(0.73, Cores(pod, Deploy + 600, Deploy + 1800), 0.01, $"0.05 idle + 40 requests/s of 17 ms on {pod}");
        }

        foreach (var pod in scenario.OldPods)
        {
            Assert.AreEqual(0.53, Cores(pod, Deploy - 1800, Deploy - 600), 0.01, $"0.05 idle + 40 requests/s of 12 ms on {pod}");
        }

        var limits = samples.Where(s => s.Name == "kube_pod_container_resource_limits" && s.HasLabel("resource", "cpu")).ToList();
        Assert.IsTrue(limits.All(s => s.Value == 1 && s.HasLabel("unit", "core") && s.HasLabel("container", "checkout")));
        CollectionAssert.AreEquivalent(scenario.OldPods.Concat(scenario.NewPods).ToList(),
            limits.Select(s => s.Labels.Split(',').Single(l => l.StartsWith("pod=", StringComparison.Ordinal))[5..^1]).Distinct().ToList());
    }

    [TestMethod]
    public void Generate_CrashLoopWithCpu_CpuCounterRestartsFromZero()
    {
        var history = ReleaseHistory.Generate(ReleaseSpec.CrashLoop("a") with { CpuLimitCores = 1 });
        var pod = history["a"].NewPods[0];
        var cpu = OpenMetricsSample.ParseAll(history.ToOpenMetrics())
            .Where(s => s.Name == "container_cpu_usage_seconds_total" && s.HasLabel("pod", pod))
            .ToList();

        var resets = cpu.Zip(cpu.Skip(1)).Where(p => p.Second.Value < p.First.Value).ToList();
        Assert.IsGreaterThanOrEqualTo(5, resets.Count, "a reset after each crash, once a minute");
        Assert.IsTrue(resets.All(p => p.Second.Value < 15), "a restarted process counts from zero: one scrape's CPU at most");
    }

    [TestMethod]
    public void Generate_Histogram_InfBucketEqualsCount()
    {
        var samples = OpenMetricsSample.ParseAll(ReleaseHistory.Generate(ReleaseSpec.LatencyRegression("a")).ToOpenMetrics());
        var counts = samples.Where(s => s.Name == "http_request_duration_seconds_count")
            .ToDictionary(s => (s.Labels, s.Time), s => s.Value);

        var infinite = samples.Where(s => s.Name == "http_request_duration_seconds_bucket" && s.HasLabel("le", "+Inf")).ToList();

        Assert.HasCount(counts.Count, infinite);
        foreach (var bucket in infinite)
        {
            Assert.AreEqual(counts[(bucket.Labels.Replace(",le=\"+Inf\"", "", StringComparison.Ordinal), bucket.Time)], bucket.Value);
        }
    }

    [TestMethod]
    public void Generate_InvalidSpec_Throws()
    {
        Assert.Throws<ArgumentException>(() => ReleaseHistory.Generate(ReleaseSpec.Healthy("a") with { Pods = 0 }));
        Assert.Throws<ArgumentException>(() => ReleaseHistory.Generate(ReleaseSpec.Healthy("a") with { LeakingPods = [3] }));
        Assert.Throws<ArgumentException>(() => ReleaseHistory.Generate(ReleaseSpec.Healthy("a"), ReleaseSpec.CrashLoop("a")));
    }

    [TestMethod]
    public void WriteOpenMetrics_SixScenarios_TakesUnderTwoSeconds()
    {
        var stopwatch = Stopwatch.StartNew();
        var history = ReleaseHistory.Generate(
            ReleaseSpec.Healthy("a"),
            ReleaseSpec.CrashLoop("b"),
            ReleaseSpec.MemoryLeak("c"),
            ReleaseSpec.ErrorSpike("d"),
            ReleaseSpec.NoNewAppMetrics("e"),
            ReleaseSpec.SlowLeak("f"));
        history.WriteOpenMetrics(TextWriter.Null);

        Assert.IsLessThan(2.0, stopwatch.Elapsed.TotalSeconds);
    }

    [GeneratedRegex("^checkout-[bcdfghjklmnpqrstvwxz2456789]{9}-[bcdfghjklmnpqrstvwxz2456789]{5}$")]
    private static partial Regex PodName();

    [TestMethod]
    public void Generate_KubeStateMetrics_NameEachPodsReplicaSetAndItsCreation()
    {
        var history = ReleaseHistory.Generate(ReleaseSpec.Healthy("a"));
        var text = history.ToOpenMetrics();
        var newPod = history["a"].NewPods[0];
        var newSet = newPod[..newPod.LastIndexOf('-')];

        StringAssert.Contains(text, $"kube_pod_owner{{namespace=\"a\",pod=\"{newPod}\",owner_kind=\"ReplicaSet\",owner_name=\"{newSet}\",owner_is_controller=\"true\"}} 1 ");
        StringAssert.Contains(text, $"kube_replicaset_created{{namespace=\"a\",replicaset=\"{newSet}\"}} {ReleaseSpec.DefaultDeployedAt.ToUnixTimeSeconds()} ");
        StringAssert.Contains(text, $"kube_replicaset_owner{{namespace=\"a\",replicaset=\"{newSet}\",owner_kind=\"Deployment\",owner_name=\"checkout\"");
    }

    [TestMethod]
    public void Generate_RolledBack_ScalesThePreviousReplicaSetUpAgainWithNewPods()
    {
        var history = ReleaseHistory.Generate(ReleaseSpec.CrashLoop("a") with { RolledBackAfterMinutes = 5 });
        var text = history.ToOpenMetrics();
        var oldSet = history["a"].OldPods[0][..history["a"].OldPods[0].LastIndexOf('-')];
        var undoAt = ReleaseSpec.DefaultDeployedAt.AddMinutes(5).ToUnixTimeSeconds();

        var oldSetPods = text.Split('\n')
            .Where(l => l.StartsWith("kube_pod_owner{", StringComparison.Ordinal) && l.Contains($"owner_name=\"{oldSet}\"", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("pod=\"", StringComparison.Ordinal) + 5)..].Split('"')[0])
            .Distinct()
            .ToList();
        Assert.HasCount(6, oldSetPods, "three pods before the deploy, three after the undo");
        var newPod = history["a"].NewPods[0];
        Assert.IsFalse(text.Split('\n').Any(l => l.StartsWith($"kube_pod_owner{{namespace=\"a\",pod=\"{newPod}\"", StringComparison.Ordinal)
            && long.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) > undoAt), "the release's pods are gone after the undo");
    }
}
