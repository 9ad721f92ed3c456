using DeployVerifier.Cli.Rollbacks;
using DeployVerifier.Support;

namespace DeployVerifier.Rollbacks;

[TestClass]
public sealed class RollbackHttpTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Create_ServerRedirects_RedirectIsReturnedNotFollowed()
    {
        using var elsewhere = new StandInServer(_ => (200, "{}"));
        using var hook = new StandInServer(_ => (302, "")) { Headers = new Dictionary<string, string> { ["Location"] = elsewhere.Url + "landing" } };
        using var http = RollbackHttp.Create();

        using var response = await http.PostAsync(hook.Url, new StringContent("{}"), TestContext.CancellationToken);

        Assert.AreEqual(302, (int)response.StatusCode);
        Assert.IsEmpty(elsewhere.Requests);
    }

    [TestMethod]
    public void Create_NoTimeoutOfItsOwn_EachActionAppliesItsConfiguredOne()
    {
        using var http = RollbackHttp.Create();

        Assert.AreEqual(Timeout.InfiniteTimeSpan, http.Timeout);
    }
}
