using DeployVerifier.Queries;

namespace DeployVerifier.Queries;

[TestClass]
public sealed class BuiltInVariablesTests
{
    [TestMethod]
    [DataRow(750, "increase(x[12m30s])")]
    [DataRow(0, "increase(x[1s])")]
    [DataRow(-30, "increase(x[1s])")]
    public void AtEvaluation_FillsInTheTimeSinceTheDeploy(int seconds, string expected)
    {
        Assert.AreEqual(expected, BuiltInVariables.AtEvaluation("increase(x[${sinceDeploy}])", TimeSpan.FromSeconds(seconds)));
    }

    [TestMethod]
    public void AtEvaluation_QueryWithoutIt_IsUnchanged()
    {
        Assert.AreEqual("up{job=\"a\"}", BuiltInVariables.AtEvaluation("up{job=\"a\"}", TimeSpan.FromMinutes(3)));
    }
}
