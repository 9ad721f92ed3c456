using DeployVerifier.Measurements;
using DeployVerifier.Support;

namespace DeployVerifier.Measurements;

[TestClass]
public sealed class PartialAnswersTests
{
    [TestMethod]
    [DataRow("partial response: store 10.0.4.7:10901 is unavailable", true)]
    [DataRow("PromQL info: metric might not be a counter", false)]
    public async Task SeriesBuffer_RangeAnswerWithAWarning_MarksItsWholeRangeWhenPartial(string warning, bool partial)
    {
        var store = new FakeMetricStore().Serve("up", _ => 1.0).Warn("up", warning);
        var schedule = new SoakSchedule(Some.DeployedAt, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
        var buffer = new SeriesBuffer(store, schedule, "up", Some.DeployedAt, TimeSpan.FromSeconds(30));

        await buffer.EnsureThroughAsync(Some.DeployedAt.AddMinutes(10), default);

        Assert.AreEqual(partial, buffer.PartialAt(Some.DeployedAt.AddMinutes(5)) is not null);
        Assert.IsNull(buffer.PartialAt(Some.DeployedAt.AddMinutes(11)));
        Assert.AreEqual(partial, PartialAnswers.IsPartial(warning));
    }
}
