using DeployVerifier.Support;

namespace DeployVerifier.Soak;

[TestClass]
public sealed class PartialAnswersTests
{
    [TestMethod]
    [DataRow("partial response: store 10.0.4.7:10901 is unavailable", true)]
    [DataRow("PromQL info: metric might not be a counter", false)]
    public async Task QueryRange_Warning_MarksItsWholeRangeWhenPartial(string warning, bool partial)
    {
        var store = new FakeMetricStore().Serve("up", _ => 1.0).Warn("up", warning);
        var answers = new PartialAnswers(store);

        await answers.QueryRangeAsync("up", Some.DeployedAt, Some.DeployedAt.AddMinutes(10), TimeSpan.FromSeconds(30), default);

        Assert.AreEqual(partial, answers.At(Some.DeployedAt.AddMinutes(5)) is not null);
        Assert.IsNull(answers.At(Some.DeployedAt.AddMinutes(11)));
    }
}
