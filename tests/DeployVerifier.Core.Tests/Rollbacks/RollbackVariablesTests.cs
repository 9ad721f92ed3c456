namespace DeployVerifier.Rollbacks;

[TestClass]
public sealed class RollbackVariablesTests
{
    [TestMethod]
    public void Replace_AValueHoldingAPlaceholder_IsNotSubstitutedAgain()
    {
        var values = new Dictionary<string, string>
        {
            [RollbackVariables.FailedChecks] = "check-${reason}",
            [RollbackVariables.Reason] = "secret reason",
        };

        var text = RollbackVariables.Replace("{\"failed\": \"${failedChecks}\", \"why\": \"${reason}\"}", values);

        Assert.AreEqual("{\"failed\": \"check-${reason}\", \"why\": \"secret reason\"}", text);
    }

    [TestMethod]
    public void Unknown_NamesOnlyWhatIsNotARollbackPlaceholder()
    {
        CollectionAssert.AreEqual(new[] { "verdictt" }, RollbackVariables.Unknown("${verdict} ${verdictt} ${verdictt} $verdict").ToArray());
    }
}
