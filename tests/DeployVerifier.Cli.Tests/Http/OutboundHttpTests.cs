using System.Net;
using System.Net.Sockets;
using DeployVerifier.Cli;
using DeployVerifier.Cli.Http;
using DeployVerifier.Support;

namespace DeployVerifier.Http;

/// <summary>The one way out to HTTP for rollbacks and notifications, against local stand-ins.</summary>
[TestClass]
public sealed class OutboundHttpTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Send_ServerRedirects_NotFollowed_AndTheHostIsNamedNeverThePath()
    {
        using var elsewhere = new StandInServer(_ => (200, "{}"));
        using var hook = new StandInServer(_ => (302, "")) { Headers = new Dictionary<string, string> { ["Location"] = elsewhere.Url + "landing/secret" } };
        using var http = OutboundHttp.CreateClient();
        using var message = OutboundHttp.Json(HttpMethod.Post, new Uri(hook.Url, "hook/TOKEN123"), "{}");

        var answer = await OutboundHttp.SendAsync(http, message, TimeSpan.FromSeconds(5), TimeProvider.System, TestContext.CancellationToken);

        Assert.IsEmpty(elsewhere.Requests);
        Assert.IsFalse(answer.Succeeded);
        var words = answer.Redirect("the webhook");
        Assert.AreEqual($"answered 302 Found, redirecting to {elsewhere.Url.Authority} — redirects are not followed; point the webhook at the final URL", words);
        Assert.AreEqual(Timeout.InfiniteTimeSpan, http.Timeout, "no timeout of its own: each request carries its own");
    }

    [TestMethod]
    public async Task Send_EveryRequest_HasTheToolsUserAgent()
    {
        using var server = new StandInServer(_ => (200, "ok"));
        using var http = OutboundHttp.CreateClient();
        using var message = OutboundHttp.Json(HttpMethod.Post, server.Url, "{}");

        var answer = await OutboundHttp.SendAsync(http, message, TimeSpan.FromSeconds(5), TimeProvider.System, TestContext.CancellationToken);

        Assert.IsTrue(answer.Succeeded);
        Assert.AreEqual("ok", answer.Body);
        Assert.AreEqual($"deploy-verifier/{ToolInfo.Version}", message.Headers.UserAgent.ToString());
    }

    [TestMethod]
    public async Task Send_NoAnswerInTime_TimedOut_NotTransient()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(); // accepts, never answers
        using var http = OutboundHttp.CreateClient();
        using var message = OutboundHttp.Json(HttpMethod.Post, new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"), "{}");

        var answer = await OutboundHttp.SendAsync(http, message, TimeSpan.FromMilliseconds(200), TimeProvider.System, TestContext.CancellationToken);

        Assert.IsTrue(answer.TimedOut);
        Assert.AreEqual("timed out after 200ms", answer.Problem);
        Assert.IsFalse(answer.Transient, "whether to send again after a timeout is the caller's call");
    }

    [TestMethod]
    public async Task Send_NothingListens_CouldNotConnect_Transient()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var http = OutboundHttp.CreateClient();
        using var message = OutboundHttp.Json(HttpMethod.Post, new Uri($"http://127.0.0.1:{port}/hook/secret"), "{}");

        var answer = await OutboundHttp.SendAsync(http, message, TimeSpan.FromSeconds(5), TimeProvider.System, TestContext.CancellationToken);

        Assert.AreEqual("could not connect", answer.Problem);
        Assert.IsTrue(answer.Transient);
    }

    [TestMethod]
    public async Task Send_RateLimited_TransientWithTheWaitAskedFor()
    {
        using var server = new StandInServer(_ => (429, "slow down")) { Headers = new Dictionary<string, string> { ["Retry-After"] = "3" } };
        using var http = OutboundHttp.CreateClient();
        using var message = OutboundHttp.Json(HttpMethod.Post, server.Url, "{}");

        var answer = await OutboundHttp.SendAsync(http, message, TimeSpan.FromSeconds(5), TimeProvider.System, TestContext.CancellationToken);

        Assert.IsTrue(answer.Transient);
        Assert.AreEqual(TimeSpan.FromSeconds(3), answer.RetryAfter);
    }
}
