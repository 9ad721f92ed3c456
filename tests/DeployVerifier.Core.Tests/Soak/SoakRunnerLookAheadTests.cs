using DeployVerifier.Checklists;
using DeployVerifier.Measurements;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Soak;
using DeployVerifier.Support;
using Microsoft.Extensions.Time.Testing;

namespace DeployVerifier.Soak;

/// <summary>A replay computes its trend looks ahead, in parallel waves; live, each look is computed as it comes. Both must say the same.</summary>
[TestClass]
public sealed class SoakRunnerLookAheadTests
{
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(30);

    private static FakeMetricStore Pods(double leakMiBPerMinute) => new FakeMetricStore()
        .Serve("pod_memory", t => Enumerable.Range(0, 3).Select(p =>
        {
            var minutes = (t - Some.DeployedAt).TotalMinutes;
            var wobble = 6 * Math.Sin((minutes * 7.3) + (p * 1.7)) + (3 * Math.Cos(minutes * 19.1));
            return (new Labels([new("pod", $"checkout-{p}")]), (400 + (leakMiBPerMinute * Math.Max(0, minutes - 2)) + wobble) * Some.MiB);
        }))
        .Serve("limits", t => Enumerable.Range(0, 3).Select(p => (new Labels([new("pod", $"checkout-{p}")]), 1024 * Some.MiB)));

    private static SoakOutcome Replay(FakeMetricStore store, SoakSchedule schedule, CheckDefinition check) =>
        new SoakRunner(store, new FakeTimeProvider(Some.DeployedAt.AddHours(3)), new RecordingObserver())
            .RunAsync(schedule, Lag, 3, [new RenderedCheck(check, check.Query, null, "limits")], CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<SoakOutcome> LiveAsync(FakeMetricStore store, SoakSchedule schedule, CheckDefinition check)
    {
        var time = new FakeTimeProvider(Some.DeployedAt);
        var running = new SoakRunner(store, time, new RecordingObserver())
            .RunAsync(schedule, Lag, 3, [new RenderedCheck(check, check.Query, null, "limits")], CancellationToken.None);
        for (var i = 0; i < 200 && !running.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(15, CancellationToken.None);
        }

        return await running;
    }

    [TestMethod]
    [DataRow(0d, DisplayName = "steady pods: passes")]
    [DataRow(12d, DisplayName = "leaking pods: fails")]
    public async Task Replay_LooksComputedAhead_SayWhatLiveLooksSay(double leak)
    {
        var schedule = new SoakSchedule(Some.DeployedAt, TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
        var check = Some.Trend() with { Query = "pod_memory", PerSeries = true };

        var replay = Replay(Pods(leak), schedule, check);
        var live = await LiveAsync(Pods(leak), schedule, check);

        Assert.AreEqual(live.Verdict, replay.Verdict, replay.Reason);
        Assert.AreEqual(live.DecidedAt, replay.DecidedAt);
        var expected = live.Checks[0].Evaluations.Select(e => $"{e.Time:HH:mm:ss} {e.Outcome} {e.Reason} {e.Details}").ToList();
        var actual = replay.Checks[0].Evaluations.Select(e => $"{e.Time:HH:mm:ss} {e.Outcome} {e.Reason} {e.Details}").ToList();
        CollectionAssert.AreEqual(expected, actual);
        if (leak == 0)
        {
            Assert.IsGreaterThan(SoakRunnerWave, actual.Count, "the replay spans more than one wave");
        }
        else
        {
            Assert.IsLessThan(SoakRunnerWave, actual.Count, "the failure falls inside a wave: the looks computed past it are dropped");
        }
    }

    /// <summary>SoakRunner's wave of looks computed ahead.</summary>
    private const int SoakRunnerWave = 32;
}
