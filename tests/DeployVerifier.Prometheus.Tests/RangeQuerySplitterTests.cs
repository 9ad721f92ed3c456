namespace DeployVerifier.Prometheus.Tests;

[TestClass]
public sealed class RangeQuerySplitterTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    [TestMethod]
    [DataRow(0, 1)]
    [DataRow(10_999, 1)]
    [DataRow(11_000, 2)]
    [DataRow(21_999, 2)]
    [DataRow(22_000, 3)]
    public void Split_StepsInRange_GivesChunksOfAtMost11000Points(int steps, int expectedChunks)
    {
        var chunks = RangeQuerySplitter.Split(Start, Start + (Step * steps), Step);

        Assert.HasCount(expectedChunks, chunks);
        Assert.IsTrue(chunks.All(c => ((c.End - c.Start).Ticks / Step.Ticks) + 1 <= RangeQuerySplitter.MaxPointsPerChunk));
    }

    [TestMethod]
    public void Split_LongRange_ChunksAreAlignedAndConsecutive()
    {
        var end = Start + (Step * 25_000) + TimeSpan.FromSeconds(7);

        var chunks = RangeQuerySplitter.Split(Start, end, Step);

        Assert.AreEqual(Start, chunks[0].Start);
        Assert.AreEqual(end, chunks[^1].End);
        foreach (var chunk in chunks)
        {
            Assert.AreEqual(0, (chunk.Start - Start).Ticks % Step.Ticks, "each chunk starts on start + k·step");
        }

        foreach (var (previous, next) in chunks.Zip(chunks.Skip(1)))
        {
            Assert.AreEqual(Step, next.Start - previous.End, "no gap and no overlap");
        }
    }

    [TestMethod]
    public void Split_EndBeforeStart_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => RangeQuerySplitter.Split(Start, Start.AddSeconds(-1), Step));

    [TestMethod]
    public void Split_ZeroStep_Throws() =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => RangeQuerySplitter.Split(Start, Start.AddHours(1), TimeSpan.Zero));
}
