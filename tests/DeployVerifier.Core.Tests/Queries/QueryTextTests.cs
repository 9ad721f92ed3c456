namespace DeployVerifier.Queries;

[TestClass]
public sealed class QueryTextTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["ns"] = "shop",
        [BuiltInVariables.SinceDeploy] = BuiltInVariables.SinceDeployPlaceholder,
    };

    [TestMethod]
    [DataRow(750, "increase(x[12m30s])")]
    [DataRow(0, "increase(x[1s])")]
    [DataRow(-30, "increase(x[1s])")]
    public void Bind_SinceDeploy_FillsInTheTimeSinceTheDeploy(int seconds, string expected)
    {
        var text = QueryTemplate.RenderText("increase(x[${sinceDeploy}])", Values);

        Assert.IsTrue(text.UsesSinceDeploy);
        Assert.AreEqual(expected, text.Bind(new QueryBinding(TimeSpan.FromSeconds(seconds), [])));
    }

    [TestMethod]
    public void Bind_QueryWithoutLateBuiltIns_IsTheRenderedText()
    {
        var text = QueryTemplate.RenderText("up{namespace=\"${ns}\"}", Values);

        Assert.IsFalse(text.UsesSinceDeploy);
        Assert.AreEqual("up{namespace=\"shop\"}", text.Bind(new QueryBinding(TimeSpan.FromMinutes(3), ["a"])));
    }

    [TestMethod]
    public void Bind_AValueThatLooksLikeAPlaceholder_IsNeverSubstitutedAgain()
    {
        var values = new Dictionary<string, string>(Values) { ["ns"] = "${sinceDeploy}" };

        var text = QueryTemplate.RenderText("up{namespace=\"${ns}\"}[${sinceDeploy}]", values);

        Assert.AreEqual("up{namespace=\"${sinceDeploy}\"}[5m]", text.Bind(new QueryBinding(TimeSpan.FromMinutes(5), [])));
    }

    [TestMethod]
    public void Bind_ReleaseInstances_IsAnEscapedAlternationInItsLiteral()
    {
        var text = QueryTemplate.RenderText("up{pod=~\"${releaseInstances}\"}", Values);

        Assert.IsTrue(text.UsesReleaseInstances);
        Assert.AreEqual("up{pod=~\"a\\\\.b|c\"}", text.Bind(new QueryBinding(TimeSpan.Zero, ["c", "a.b"])));
    }

    [TestMethod]
    public void Bind_NoInstances_MatchesNothingRatherThanTheEmptyValue()
    {
        var text = QueryTemplate.RenderText("up{pod=~'${releaseInstances}'}", Values);

        var bound = text.Bind(new QueryBinding(TimeSpan.Zero, []));

        Assert.AreEqual("up{pod=~'[^\\\\x00-\\\\x{10FFFF}]'}", bound);
    }

    [TestMethod]
    public void ToString_ShowsLateBuiltInsAsPlaceholders()
    {
        var text = QueryTemplate.RenderText("sum(up{pod=~\"${releaseInstances}\"}[${sinceDeploy}])", Values);

        Assert.AreEqual("sum(up{pod=~\"${releaseInstances}\"}[${sinceDeploy}])", text.ToString());
    }
}
