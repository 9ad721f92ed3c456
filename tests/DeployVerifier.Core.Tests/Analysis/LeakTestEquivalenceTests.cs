using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

/// <summary>
/// The leak test summed from running sums (<see cref="WarmUpGrid"/>, <see cref="BoundedLeastSquares.SolveNonNegative"/>)
/// against the test as it was, column by column (<see cref="LeakTestReference"/>): the same evidence, to rounding, on
/// warm-ups, leaks, sawtooths, gaps, late pod starts and looks at every length.
/// </summary>
[TestClass]
public sealed class LeakTestEquivalenceTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    public static IEnumerable<object[]> Series() =>
    [
        ["steady", Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), seed: 3)],
        ["cache filling late", Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), seed: 4, plateauMiB: 250, plateauTauSeconds: 600, plateauOnsetMinutes: 10)],
        ["leak", Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), seed: 5, leakMiBPerMinute: 3)],
        ["late leak", Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(28), seed: 6, leakMiBPerMinute: 35, leakOnsetMinutes: 15)],
        ["wide sawtooth", Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), seed: 7, sawMiB: 300, sawPeriodSeconds: 600, noiseMiB: 10)],
        ["leak under a sawtooth", Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), seed: 8, leakMiBPerMinute: 4, sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 20)],
        ["gaps", Some.PodMemory(Some.DeployedAt, TimeSpan.FromMinutes(40), seed: 9, plateauMiB: 150).Where((_, i) => i % 7 != 3 && i is < 60 or > 70).ToList()],
        ["no noise", Enumerable.Range(0, 120).Select(i => new Sample(Some.DeployedAt.AddSeconds(15 * i), 1e8 + 1e5 * i)).ToList()],
    ];

    [TestMethod]
    [DynamicData(nameof(Series))]
    public void Weigh_EveryLook_EqualsTheColumnByColumnTest(string name, List<Sample> samples)
    {
        var compared = 0;
        // A pod that started with the samples, minutes before them, and a day before (its start-up settling long died away).
        foreach (var podStart in new[] { samples[0].Time, samples[0].Time.AddMinutes(-7), samples[0].Time.AddHours(-24) })
        {
            foreach (var maxRemaining in new[] { 50 * Some.MiB, 500 * Some.MiB })
            {
                for (var look = LeakTest.MinSamples; look <= samples.Count; look += 5)
                {
                    var seen = samples.Take(look).ToList();
                    var expected = LeakTestReference.Weigh(seen, podStart, Step, maxRemaining);
                    var actual = LeakTest.Weigh(seen, podStart, Step, maxRemaining);
                    var at = $"{name}, {look} samples, pod started {(seen[0].Time - podStart).TotalMinutes} min earlier, {maxRemaining / Some.MiB} MiB to go";
                    if (expected is null)
                    {
                        Assert.IsNull(actual, at);
                        continue;
                    }

                    Assert.IsNotNull(actual, at);
                    AssertClose(expected.LeakStatistic, actual.LeakStatistic, $"{at}: leak statistic");
                    AssertClose(expected.RiseStatistic, actual.RiseStatistic, $"{at}: rise statistic");
                    AssertClose(expected.SlopePerSecond, actual.SlopePerSecond, $"{at}: slope");
                    AssertClose(expected.SlopeStandardError, actual.SlopeStandardError, $"{at}: slope error");
                    AssertClose(expected.WarmUpRemaining, actual.WarmUpRemaining, $"{at}: warm-up remaining");
                    AssertClose(expected.Noise, actual.Noise, $"{at}: noise");
                    AssertClose(expected.RecentSlopePerSecond, actual.RecentSlopePerSecond, $"{at}: recent slope");
                    Assert.AreEqual(expected.Onset, actual.Onset, at);
                    Assert.AreEqual(expected.SawtoothPeriod, actual.SawtoothPeriod, at);
                    compared++;
                }
            }
        }

        Assert.IsGreaterThan(0, compared);
    }

    /// <summary>Equal to rounding: relative 1e-7, or absolute 1e-7 of a statistic's unit near zero.</summary>
    private static void AssertClose(double expected, double actual, string what) =>
        Assert.AreEqual(expected, actual, 1e-7 * Math.Max(1, Math.Abs(expected)), what);
}
