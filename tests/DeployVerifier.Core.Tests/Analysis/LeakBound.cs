using System.Globalization;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

/// <summary>
/// How early any test could tell each leak from the warm-up closest to it, with <see cref="LeakTest"/>'s own models. On a
/// noise-free series (no sawtooth, no noise) the drop in squared error from the best warm-up to the leak, divided by
/// the noise variance σ² of the kind, is the separation λ of the leak from its least favourable warm-up. By the
/// Neyman–Pearson lemma no test that keeps its false alarms on that warm-up to α can call the leak with a probability
/// above Φ(√λ − z_α), whatever it does; pods with independent noise add their λ. So a release of n pods leaking alike
/// needs n·λ ≥ (z_α + z_β)² to be called with probability 1 − β, and a test with an error rate per soak (many looks, a
/// warm-up of unknown start and time constant) needs more. Runs only with DV_LEAK_BOUND=1 and prints, per kind, λ of
/// one pod at minutes after the onset and when three pods reach each power, at α = 1/300.
/// </summary>
[TestClass]
public sealed class LeakBound
{
    public TestContext TestContext { get; set; } = null!;

    private sealed record Kind(string Name, double Rate, double Onset, double NoiseMiB, double SawMiB);

    private static readonly Kind[] Kinds =
    [
        new("leak-1.5", 1.5, 0, 8, 45),
        new("leak-2", 2, 0, 8, 45),
        new("leak-3", 3, 0, 8, 45),
        new("leak-4-at10", 4, 10, 8, 45),
        new("leak-4-saw200", 4, 0, 20, 200),
        new("leak-6-saw240", 6, 0, 15, 150),
        new("leak-35-at15", 35, 15, 8, 45),
    ];

    /// <summary>z of a one-sided error of 1 in 300, and of powers 50 %, 90 % and 99 %.</summary>
    private const double ZAlpha = 2.71;

    private static readonly (string Power, double Z)[] Powers = [("50%", 0), ("90%", 1.28), ("99%", 2.33)];

    private const int Pods = 3;

    [TestMethod]
    public void Print()
    {
        if (Environment.GetEnvironmentVariable("DV_LEAK_BOUND") is null)
        {
            return;
        }

        foreach (var kind in Kinds)
        {
            var length = TimeSpan.FromMinutes(kind.Onset + 40);
            var samples = Some.PodMemory(Some.DeployedAt, length, seed: 1, leakMiBPerMinute: kind.Rate, leakOnsetMinutes: kind.Onset, sawMiB: 0, noiseMiB: 0.01);
            var lambdas = new List<(double After, double Lambda)>();
            for (var after = 1.0; kind.Onset + after <= length.TotalMinutes; after += 0.5)
            {
                var now = Some.DeployedAt.AddMinutes(kind.Onset + after);
                var seen = samples.Where(s => s.Time <= now).ToList();
                // The peak a reading reaches: the sawtooth's top and two standard deviations of noise over the level.
                var peak = seen[^1].Value + (kind.SawMiB + 2 * kind.NoiseMiB) * Some.MiB;
                if (LeakTest.Weigh(seen, Some.DeployedAt, TimeSpan.FromSeconds(15), Math.Max(1024 * Some.MiB - peak, 0)) is { } e)
                {
                    // Noise-free, the statistic is in units of LeakTest's floor: times that floor, it is the squared error drop.
                    lambdas.Add((after, Math.Max(e.LeakStatistic, 0) * e.Noise * e.Noise / (kind.NoiseMiB * kind.NoiseMiB * Some.MiB * Some.MiB)));
                }
            }

            string At(double minutes) => lambdas.Where(l => l.After <= minutes).Select(l => l.Lambda).DefaultIfEmpty(0).Last().ToString("F1", CultureInfo.InvariantCulture);
            var reach = string.Join(", ", Powers.Select(p =>
            {
                var needed = Math.Pow(ZAlpha + p.Z, 2);
                var first = lambdas.FirstOrDefault(l => Pods * l.Lambda >= needed);
                return $"{p.Power} at {(first.After > 0 ? first.After.ToString("F1", CultureInfo.InvariantCulture) : ">40")}";
            }));
            TestContext.WriteLine($"BOUND {kind.Name,-14} σ {kind.NoiseMiB} MiB: λ of one pod at 5/7/10/15/20/25/30 min after the onset {At(5)}/{At(7)}/{At(10)}/{At(15)}/{At(20)}/{At(25)}/{At(30)}; {Pods} pods called with power {reach} min after the onset");
        }
    }
}
