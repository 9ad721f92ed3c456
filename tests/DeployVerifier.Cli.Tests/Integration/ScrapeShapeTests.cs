using System.Text.Json;
using DeployVerifier.Support;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// Every simulated release judged by the Kubernetes example twice, from one real Prometheus: as the corpus has it (no
/// target labels), and as a real cluster shapes it (<see cref="ReleaseSpec.ScrapeLabels"/>: cAdvisor under the kubelet
/// job, kube-state-metrics under its own, the application from the pod's address; <see cref="ReleaseSpec.Sidecars"/>: an
/// istio-proxy sidecar, the pause container and the pod cgroup). The verdict and the decision time must not change.
/// </summary>
[TestClass]
public sealed class ScrapeShapeTests
{
    private static readonly Func<string, ReleaseSpec>[] Kinds =
    [
        ReleaseSpec.Healthy, ReleaseSpec.CrashLoop, ReleaseSpec.MemoryLeak, ReleaseSpec.SlowLeak, ReleaseSpec.CacheWarmup, ReleaseSpec.LatencyRegression,
        ReleaseSpec.ErrorSpike, ReleaseSpec.BusyButRedundant, ReleaseSpec.LostRedundancy,
    ];

    [TestMethod]
    public async Task Verify_ScrapeLabelsAndSidecars_EveryReleaseKeepsItsVerdictAndDecisionTime()
    {
        // Every pod with a CPU limit, so the example's redundancy check has data too.
        var plain = Kinds.Select((kind, i) => kind($"plain-{i}") is var spec ? spec with { CpuLimitCores = spec.CpuLimitCores ?? 1 } : null!).ToList();
        var shaped = plain.Select((spec, i) => spec with { Namespace = $"shaped-{i}", NoiseName = spec.Namespace, ScrapeLabels = true, Sidecars = true }).ToList();
        var history = ReleaseHistory.Generate([.. plain, .. shaped]);
        await using var server = await PrometheusServer.StartAsync(history);
        var directory = Directory.CreateTempSubdirectory("dv-scrape-shape-");
        try
        {
            var runs = await Task.WhenAll(plain.Concat(shaped).Select(spec => VerifyAsync(server, directory.FullName, spec)));
            var byName = runs.ToDictionary(r => r.Namespace);
            for (var i = 0; i < Kinds.Length; i++)
            {
                var (without, with) = (byName[$"plain-{i}"], byName[$"shaped-{i}"]);
                Assert.AreEqual(without.Verdict, with.Verdict, $"{Kinds[i].Method.Name}: {with.Reason}");
                Assert.AreEqual(without.DecidedAt, with.DecidedAt, Kinds[i].Method.Name);
                Assert.AreNotEqual("inconclusive", with.Verdict, $"{Kinds[i].Method.Name}: {with.Reason}");
            }

            Assert.AreEqual("failed", byName[$"shaped-{Array.IndexOf(Kinds, ReleaseSpec.MemoryLeak)}"].Verdict, "the leak is still caught");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<Run> VerifyAsync(PrometheusServer server, string directory, ReleaseSpec spec)
    {
        var report = Path.Combine(directory, spec.Namespace + ".json");
        var result = await DeployVerifierProcess.RunAsync(
        [
            "verify", "--checklist", RepositoryFiles.Path("examples", "kubernetes", "checklist.yml"), "--prometheus-url", server.Url.ToString(), "--var", $"namespace={spec.Namespace}",
            "--var", "workload=checkout", "--deployed-at", "2024-08-16T13:45:00Z", "--dry-run", "--report-json", report,
        ]);
        Assert.IsTrue(File.Exists(report), result.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var root = json.RootElement;
        return new Run(spec.Namespace, root.GetProperty("verdict").GetString()!, root.GetProperty("reason").GetString()!,
            root.GetProperty("decidedAt").ToString());
    }

    private sealed record Run(string Namespace, string Verdict, string Reason, string DecidedAt);
}
