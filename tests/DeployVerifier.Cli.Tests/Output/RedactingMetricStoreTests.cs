using DeployVerifier.Cli.Output;
using DeployVerifier.Metrics;
using DeployVerifier.Support;

namespace DeployVerifier.Output;

[TestClass]
public sealed class RedactingMetricStoreTests
{
    private const string Secret = "s3cr+t<x|y";

    public TestContext TestContext { get; set; } = null!;

    private static string Redact(string text) => text.Replace(Secret, "***", StringComparison.Ordinal);

    private sealed class EchoingStore(Exception? failure = null) : IMetricStore
    {
        public Task CheckReadyAsync(CancellationToken cancellationToken) => failure is null ? Task.CompletedTask : Task.FromException(failure);

        public Task<QueryResult> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken) =>
            failure is null ? Task.FromResult(new QueryResult([], [$"warning about {Secret}"])) : Task.FromException<QueryResult>(failure);

        public Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
            QueryAsync(query, start, cancellationToken);
    }

    [TestMethod]
    public async Task QueryAsync_Warnings_RedactedAsTheyComeIn()
    {
        var store = new RedactingMetricStore(new EchoingStore(), Redact);

        var result = await store.QueryRangeAsync("up", Some.DeployedAt, Some.DeployedAt.AddMinutes(1), TimeSpan.FromSeconds(30), TestContext.CancellationToken);

        Assert.AreEqual("warning about ***", Assert.ContainsSingle(result.Warnings));
    }

    [TestMethod]
    public async Task Failures_ServerWords_RedactedKeepingTheirKind()
    {
        var unavailable = new RedactingMetricStore(new EchoingStore(new MetricStoreUnavailableException($"HTTP 503: {Secret}")), Redact);
        var invalid = new RedactingMetricStore(new EchoingStore(new InvalidQueryException("up", "bad_data", $"no {Secret}")), Redact);
        var address = new RedactingMetricStore(new EchoingStore(new MetricStoreAddressException($"redirect with {Secret}")), Redact);

        var e1 = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => unavailable.CheckReadyAsync(TestContext.CancellationToken));
        var e2 = await Assert.ThrowsExactlyAsync<InvalidQueryException>(() => invalid.QueryAsync("up", Some.DeployedAt, TestContext.CancellationToken));
        var e3 = await Assert.ThrowsExactlyAsync<MetricStoreAddressException>(() => address.CheckReadyAsync(TestContext.CancellationToken));

        Assert.AreEqual("HTTP 503: ***", e1.Message);
        Assert.AreEqual("no ***", e2.ServerMessage);
        Assert.AreEqual("bad_data", e2.ErrorType);
        Assert.AreEqual("redirect with ***", e3.Message);
        Assert.IsNull(e1.InnerException, "the unredacted original is not kept");
    }
}
