using DeployVerifier.Checklists;
using DeployVerifier.Measurements;
using DeployVerifier.Metrics;
using DeployVerifier.Quantities;

namespace DeployVerifier.Support;

/// <summary>Test data with sensible defaults, so each test states only what matters to it.</summary>
internal static class Some
{
    public static readonly DateTimeOffset DeployedAt = new(2024, 8, 16, 13, 45, 0, TimeSpan.Zero);

    public const double MiB = 1024 * 1024;

    public static Labels Pod(string name) => new([new("pod", name)]);

    public static SoakSchedule Schedule(int minutes = 30) =>
        new(DeployedAt, TimeSpan.FromMinutes(minutes), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));

    public static CheckDefinition Threshold(double? max = null, double? min = null, int tolerance = 0, string name = "errors",
        string query = "error_ratio") => new()
        {
            Name = name,
            Query = query,
            Rule = new ThresholdRule(new Threshold(min, max)),
            Tolerance = tolerance,
            Unit = QuantityUnit.Ratio,
        };

    public static CheckDefinition Trend(double limit = 1024 * MiB, int tolerance = 0, TimeSpan? minSeriesAge = null) => new()
    {
        Name = "memory-leak",
        Query = "container_memory_working_set_bytes",
        Unit = QuantityUnit.Bytes,
        PerSeries = true,
        Tolerance = tolerance,
        MinSeriesAge = minSeriesAge ?? TimeSpan.Zero,
        Rule = new TrendRule(TrendSettings(limit)),
    };

    public static CheckDefinition Redundancy(int spare = 1, double maxUtilization = 0.9, double? capacity = null, int tolerance = 0) => new()
    {
        Name = "cpu-redundancy",
        Query = "cpu",
        Unit = QuantityUnit.Ratio,
        ReleaseSeriesOnly = true,
        Tolerance = tolerance,
        Rule = new RedundancyRule(new RedundancySettings(capacity, capacity is null ? "limits" : null, spare, maxUtilization, ChecklistDefaults.RedundancyWarmUp)),
    };

    public static TrendSettings TrendSettings(double? limit = 1024 * MiB) => new(
        limit, null, ChecklistDefaults.TrendHorizon, ChecklistDefaults.TrendWindow, ChecklistDefaults.TrendFloorWindow, ChecklistDefaults.TrendResolution);

    /// <summary>A memory series every 15 s from <paramref name="start"/>: level, GC sawtooth, leak and seeded noise.</summary>
    public static List<Sample> Memory(DateTimeOffset start, TimeSpan length, double baseMiB = 420, double sawMiB = 45, double sawPeriodSeconds = 150,
        double leakMiBPerMinute = 0, double noiseMiB = 8, int seed = 1, double plateauMiB = 0, double plateauTauSeconds = 300, double plateauStartSeconds = 0)
    {
        var random = new Random(seed);
        var samples = new List<Sample>();
        for (var t = 0.0; t <= length.TotalSeconds; t += 15)
        {
            var value = baseMiB + sawMiB * (t % sawPeriodSeconds / sawPeriodSeconds) + leakMiBPerMinute * t / 60
                + (t > plateauStartSeconds ? plateauMiB * (1 - Math.Exp(-(t - plateauStartSeconds) / plateauTauSeconds)) : 0) + Gaussian(random) * noiseMiB;
            samples.Add(new Sample(start + TimeSpan.FromSeconds(t), value * MiB));
        }

        return samples;
    }

    /// <summary>
    /// One pod's working set every 15 s from its start, as the scenario corpus draws it: start-up settling, a GC sawtooth
    /// at a random phase, noise, a cache filling from the pod's start or later, and a leak from its onset.
    /// </summary>
    public static List<Sample> PodMemory(DateTimeOffset start, TimeSpan length, int seed, double leakMiBPerMinute = 0, double leakOnsetMinutes = 0,
        double plateauMiB = 0, double plateauTauSeconds = 300, double plateauOnsetMinutes = 0, double sawMiB = 45, double sawPeriodSeconds = 150,
        double noiseMiB = 8, double startupMiB = 90, double startupSeconds = 150)
    {
        var random = new Random(seed);
        var phase = random.NextDouble() * sawPeriodSeconds;
        var samples = new List<Sample>();
        for (var t = 0.0; t <= length.TotalSeconds; t += 15)
        {
            var value = 420 - startupMiB * Math.Exp(-t / startupSeconds) + sawMiB * ((t + phase) % sawPeriodSeconds / sawPeriodSeconds)
                + Gaussian(random) * noiseMiB;
            var filling = t - plateauOnsetMinutes * 60;
            value += filling > 0 ? plateauMiB * (1 - Math.Exp(-filling / plateauTauSeconds)) : 0;
            value += leakMiBPerMinute * Math.Max(0, t / 60 - leakOnsetMinutes);
            samples.Add(new Sample(start + TimeSpan.FromSeconds(t), value * MiB));
        }

        return samples;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
