using DeployVerifier.Checklists;
using DeployVerifier.Measurements;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Soak;
using Microsoft.Extensions.Time.Testing;

namespace DeployVerifier.Support;

/// <summary>Real soak outcomes, from the runner over a fake store, for the report tests.</summary>
internal static class Outcomes
{
    public static readonly CheckDefinition Restarts = Some.Threshold(max: 0, name: "restarts", query: "restarts") with
    {
        PerSeries = true,
        Unit = Quantities.QuantityUnit.Number,
    };

    public static readonly CheckDefinition Errors = Some.Threshold(max: 0.01, tolerance: 1) with
    {
        Baseline = new BaselineSettings(TimeSpan.FromHours(1), 1.5, null),
    };

    /// <summary>A healthy release (restarts 0, errors 0.2 %) or a crash loop from minute 3 on.</summary>
    public static Task<SoakOutcome> RunAsync(bool crashLoop) => RunAsync(new FakeMetricStore()
        .Serve("restarts", t => t < Some.DeployedAt
            ? []
            : [(Some.Pod("checkout-abc-x8k2p"), crashLoop && t >= Some.DeployedAt.AddMinutes(3) ? 2.0 : 0.0), (Some.Pod("checkout-abc-q2z9w"), 0.0)])
        .Serve("error_ratio", _ => 0.002), Restarts, Errors);

    /// <summary>A healthy release whose warn-severity error check fails (2 % errors against 1 %): the soak runs to its end.</summary>
    public static Task<SoakOutcome> WarnedAsync() => RunAsync(new FakeMetricStore()
        .Serve("restarts", t => t < Some.DeployedAt ? [] : [(Some.Pod("checkout-abc-x8k2p"), 0.0)])
        .Serve("error_ratio", _ => 0.02), Restarts, Errors with { Severity = CheckSeverity.Warn, Baseline = null });

    /// <summary>A pod that leaks 30 MiB a minute against a 1 GiB limit.</summary>
    public static Task<SoakOutcome> LeakAsync()
    {
        var leaking = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(40), leakMiBPerMinute: 30);
        var store = new FakeMetricStore().Serve("container_memory_working_set_bytes", t => t < Some.DeployedAt
            ? []
            : [(Some.Pod("checkout-abc-x8k2p"), leaking.Last(s => s.Time <= t).Value)]);
        return RunAsync(store, Some.Trend());
    }

    private static Task<SoakOutcome> RunAsync(FakeMetricStore store, params CheckDefinition[] checks)
    {
        var schedule = new SoakSchedule(Some.DeployedAt, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
        return new SoakRunner(store, new FakeTimeProvider(Some.DeployedAt.AddHours(2)), new RecordingObserver())
            .RunAsync(schedule, TimeSpan.FromSeconds(30), 3, checks.Select(c => new RenderedCheck(c, c.Query, null, null)).ToList(), default);
    }
}
