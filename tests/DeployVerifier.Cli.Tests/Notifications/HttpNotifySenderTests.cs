using System.Net;
using DeployVerifier.Cli.Notifications;
using DeployVerifier.Support;

namespace DeployVerifier.Notifications;

/// <summary>The one way out to notify targets: retries by the request's policy, Retry-After honoured, no blind retry after a timeout.</summary>
[TestClass]
public sealed class HttpNotifySenderTests
{
    private static NotifyRequest Request(bool idempotent, TimeSpan? timeout = null) =>
        new("slack", "verdict", HttpMethod.Post, new Uri("http://hooks.example.org/services/T0/B0/secret"), "{}", [], timeout ?? TimeSpan.FromSeconds(5),
            "the verdict", DateTimeOffset.UnixEpoch)
        {
            Idempotent = idempotent,
        };

    private static (HttpNotifySender Sender, NotificationLog Log) Sender(StubHttpHandler handler)
    {
        var log = new NotificationLog(s => s);
        return (new HttpNotifySender(new HttpClient(handler), TimeProvider.System, log), log);
    }

    [TestMethod]
    public async Task Send_RateLimitedWithRetryAfter_WaitsAsAskedThenSucceeds()
    {
        var calls = 0;
        using var handler = new StubHttpHandler(_ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                var limited = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
                limited.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
                return limited;
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") };
        });
        var (sender, log) = Sender(handler);
        var started = TimeProvider.System.GetTimestamp();

        var response = await sender.SendAsync(Request(idempotent: false), CancellationToken.None);

        Assert.IsTrue(response.Succeeded);
        Assert.AreEqual(2, log.Entries.Single().Attempts);
        Assert.AreEqual("sent", log.Entries.Single().Outcome);
        Assert.IsLessThan(TimeSpan.FromSeconds(0.9), TimeProvider.System.GetElapsedTime(started), "Retry-After: 0 is believed over the 1 s backoff");
    }

    [TestMethod]
    public async Task Send_ChatMessageTimesOut_IsNotSentAgain()
    {
        using var handler = StubHttpHandler.Silent();
        var (sender, log) = Sender(handler);

        var response = await sender.SendAsync(Request(idempotent: false, TimeSpan.FromMilliseconds(100)), CancellationToken.None);

        Assert.IsFalse(response.Succeeded);
        Assert.HasCount(1, handler.Requests, "it may have arrived: no second copy");
        StringAssert.Contains(log.Entries.Single().Detail, "timed out after 100ms");
        Assert.AreEqual("failed", log.Entries.Single().Outcome);
    }

    [TestMethod]
    public async Task Send_IdempotentPostTimesOut_IsTriedThreeTimes()
    {
        using var handler = StubHttpHandler.Silent();
        var (sender, log) = Sender(handler);

        await sender.SendAsync(Request(idempotent: true, TimeSpan.FromMilliseconds(50)), CancellationToken.None);

        Assert.HasCount(HttpNotifySender.Attempts, handler.Requests);
        Assert.AreEqual(HttpNotifySender.Attempts, log.Entries.Single().Attempts);
    }

    [TestMethod]
    public async Task Send_Refused4xx_IsNotRetried_AndTheAnswerIsQuoted()
    {
        using var handler = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("no such hook") });
        var (sender, log) = Sender(handler);

        await sender.SendAsync(Request(idempotent: true), CancellationToken.None);

        Assert.HasCount(1, handler.Requests);
        StringAssert.Contains(log.Entries.Single().Detail, "POST hooks.example.org answered 404 Not Found: no such hook");
    }

    [TestMethod]
    public async Task Send_Cancelled_StopsAtOnceAndSaysSo()
    {
        using var handler = StubHttpHandler.Silent();
        var (sender, log) = Sender(handler);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var response = await sender.SendAsync(Request(idempotent: true), cancel.Token);

        Assert.IsFalse(response.Succeeded);
        StringAssert.Contains(log.Entries.Single().Detail, "was cancelled");
    }
}
