using System.Net;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Rollbacks;
using DeployVerifier.Support;
using Microsoft.Extensions.Time.Testing;

namespace DeployVerifier.Rollbacks;

[TestClass]
public sealed class WebhookRollbackTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly RollbackRequest Request = new("failed", ["restarts"], "restarts: 4 restarts", Some.DeployedAt, Some.DeployedAt.AddMinutes(5));

    private static RollbackWebhook Webhook(string url = "https://hooks.example/rollback", TimeSpan? timeout = null) =>
        new(new Uri(url), "POST", new Dictionary<string, string>(), new Dictionary<string, string>(), null, timeout ?? TimeSpan.FromSeconds(30));

    [TestMethod]
    public async Task RunAsync_Redirect_FailsNamingTheTargetHostWithoutFollowing()
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.Found)
        {
            Headers = { Location = new Uri("https://login.example:8443/sso?next=/rollback") },
        });
        using var http = new HttpClient(handler);
        var webhook = new WebhookRollback(Webhook(), http, new DictionaryEnvironment(new Dictionary<string, string>()), TimeProvider.System);

        var result = await webhook.RunAsync(Request, TestContext.CancellationToken);

        Assert.IsFalse(result.Succeeded, result.Detail);
        StringAssert.Contains(result.Detail,
            "answered 302 Found, redirecting to login.example:8443 — redirects are not followed; point the webhook at the final URL");
        Assert.HasCount(1, handler.Requests);
    }

    [TestMethod]
    public async Task RunAsync_TimeoutAboveHttpClientsDefault_WaitsTheConfiguredTimeOnTheInjectedClock()
    {
        var time = new FakeTimeProvider(Some.DeployedAt);
        using var http = new HttpClient(StubHttpHandler.Silent()) { Timeout = Timeout.InfiniteTimeSpan };
        var webhook = new WebhookRollback(Webhook(timeout: TimeSpan.FromMinutes(3)), http, new DictionaryEnvironment(new Dictionary<string, string>()), time);

        var running = webhook.RunAsync(Request, TestContext.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(179));
        await Task.Delay(50, TestContext.CancellationToken);
        Assert.IsFalse(running.IsCompleted, "still waiting before its timeout");
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.CancellationToken);

        Assert.IsFalse(result.Succeeded);
        StringAssert.EndsWith(result.Detail, "timed out after 3m");
    }

    [TestMethod]
    public async Task RunAsync_HeaderFromEnvWithLineBreak_NotCalledNamingTheVariable()
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var settings = Webhook() with { HeadersFromEnv = new Dictionary<string, string> { ["X-Token"] = "HOOK_TOKEN" } };
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["HOOK_TOKEN"] = "abc\r\nX-Admin: yes" });
        var webhook = new WebhookRollback(settings, http, environment, TimeProvider.System);

        var result = await webhook.RunAsync(Request, TestContext.CancellationToken);

        Assert.IsFalse(result.Succeeded);
        StringAssert.EndsWith(result.Detail,
            "not called: environment variable HOOK_TOKEN (header X-Token) holds a line break; a header value may hold only visible ASCII characters, spaces and tabs");
        Assert.IsEmpty(handler.Requests);
    }

    [TestMethod]
    public async Task RunAsync_Redacted_DetailRedactedAsItComesIn()
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { ReasonPhrase = "no s3cr+t<x|y here" });
        using var http = new HttpClient(handler);
        var webhook = new WebhookRollback(Webhook(), http, new DictionaryEnvironment(new Dictionary<string, string>()), TimeProvider.System);

        var result = await new RedactingRollbackAction(webhook, t => t.Replace("s3cr+t<x|y", "***", StringComparison.Ordinal))
            .RunAsync(Request, TestContext.CancellationToken);

        StringAssert.EndsWith(result.Detail, "answered 502 no *** here");
    }
}
