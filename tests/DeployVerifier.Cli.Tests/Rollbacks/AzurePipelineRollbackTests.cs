using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Rollbacks;
using DeployVerifier.Support;
using Microsoft.Extensions.Time.Testing;

namespace DeployVerifier.Rollbacks;

[TestClass]
public sealed class AzurePipelineRollbackTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RunAsync_NoAnswer_GivesUpAfterItsTimeoutOnTheInjectedClock()
    {
        var time = new FakeTimeProvider(Some.DeployedAt);
        using var http = new HttpClient(StubHttpHandler.Silent()) { Timeout = Timeout.InfiniteTimeSpan };
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["SYSTEM_ACCESSTOKEN"] = "azp-token" });
        var pipeline = new RollbackAzurePipeline(new Uri("https://dev.azure.com/contoso/"), "shop", 42, null, new Dictionary<string, string>());
        var rollback = new AzurePipelineRollback(pipeline, http, environment, time);

        var running = rollback.RunAsync(new RollbackRequest("failed", ["restarts"], "restarts", Some.DeployedAt, null), TestContext.CancellationToken);
        time.Advance(AzurePipelineRollback.Timeout);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.CancellationToken);

        Assert.IsFalse(result.Succeeded);
        StringAssert.EndsWith(result.Detail, "no answer within 30s");
    }
}
