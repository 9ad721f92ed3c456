using DeployVerifier.Analysis;
using DeployVerifier.Support;

namespace DeployVerifier.Analysis;

[TestClass]
public sealed class LowerEnvelopeTests
{
    [TestMethod]
    public void Of_Sawtooth_KeepsTheTroughsLevel()
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(30), sawMiB: 200, sawPeriodSeconds: 300, noiseMiB: 0);

        var floor = LowerEnvelope.Of(samples, TimeSpan.FromMinutes(5));

        Assert.IsGreaterThan(3, floor.Count);
        Assert.IsTrue(floor.All(p => Math.Abs(p.Value / Some.MiB - 420) < 1), string.Join(", ", floor.Select(p => p.Value / Some.MiB)));
    }

    [TestMethod]
    public void Of_Leak_RisesWithoutLag()
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(30), leakMiBPerMinute: 10, noiseMiB: 0);

        var floor = LowerEnvelope.Of(samples, TimeSpan.FromMinutes(5));

        // Each point keeps its own time: its value is the leak at that time, not five minutes earlier.
        foreach (var point in floor)
        {
            var expected = 420 + 10 * (point.Time - Some.DeployedAt).TotalMinutes;
            Assert.AreEqual(expected, point.Value / Some.MiB, 46);
        }

        Assert.IsGreaterThan(floor[0].Value + 150 * Some.MiB, floor[^1].Value);
    }

    [TestMethod]
    public void Of_ShorterThanTheWindow_IsEmpty()
    {
        var samples = Some.Memory(Some.DeployedAt, TimeSpan.FromMinutes(4));

        Assert.IsEmpty(LowerEnvelope.Of(samples, TimeSpan.FromMinutes(5)));
    }
}
