using DeployVerifier.Support;

namespace DeployVerifier.Evaluation;

/// <summary>The deciding evaluation: one definition every report reads.</summary>
[TestClass]
public sealed class CheckResultTests
{
    private static CheckEvaluation At(int minute, double value, double? effectiveMax = null, Forecast? forecast = null) =>
        new(Some.DeployedAt.AddMinutes(minute), EvaluationOutcome.Failed, value, null, "r", Forecast: forecast) { EffectiveMax = effectiveMax };

    [TestMethod]
    public void Deciding_TheWorst_ElseTheLast()
    {
        var worst = At(3, 9);
        var last = At(5, 4);

        Assert.AreSame(worst, Result(worst, last).Deciding);
        Assert.AreSame(last, Result(null, last).Deciding);
    }

    [TestMethod]
    public void EffectiveMaxAndForecast_AreTheWorsts_EvenWhenTheLastHasOne()
    {
        var forecast = new Forecast(1, 2, 3, TimeSpan.FromMinutes(5), null, null, true, null);
        var worst = At(3, 9, effectiveMax: 5);
        var last = At(5, 4, effectiveMax: 6, forecast: forecast);

        var result = Result(worst, last);

        Assert.AreEqual(5, result.EffectiveMax);
        Assert.IsNull(result.DecidingForecast, "the last evaluation's forecast is not the deciding one");
        Assert.AreEqual(6, Result(null, last).EffectiveMax);
    }

    private static CheckResult Result(CheckEvaluation? worst, CheckEvaluation? last) =>
        new(Some.Threshold(max: 1), CheckOutcome.Failed, "r", worst, last, 10, [], null);
}
