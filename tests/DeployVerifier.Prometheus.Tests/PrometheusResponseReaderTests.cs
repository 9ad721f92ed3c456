using System.Globalization;
using System.Net;
using System.Text;
using DeployVerifier.Metrics;
using DeployVerifier.Prometheus.Tests.Support;

namespace DeployVerifier.Prometheus.Tests;

/// <summary>The answer read as it arrives (<see cref="PrometheusResponseReader"/>, <see cref="PrometheusAnswer"/>).</summary>
[TestClass]
public sealed class PrometheusResponseReaderTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>A matrix of <paramref name="series"/> series of <paramref name="points"/> points each, 15 s apart.</summary>
    private static string Matrix(int series, int points, bool resultFirst = false)
    {
        var text = new StringBuilder();
        for (var s = 0; s < series; s++)
        {
            text.Append(s == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"metric":{"pod":"p-{{s}}","namespace":"shop"},"values":[""");
            for (var i = 0; i < points; i++)
            {
                text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[{1_700_000_000 + (15 * i)}.5,\"{(s * 1000) + (i * 0.25)}\"]");
            }

            text.Append("]}");
        }

        return resultFirst
            ? "{\"data\":{\"result\":[" + text + "],\"resultType\":\"matrix\"},\"status\":\"success\"}"
            : "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + text + "]}}";
    }

    /// <summary>An answer whose body arrives a few bytes at a time, breaking off with an I/O error after <paramref name="breakAfter"/> bytes.</summary>
    private static HttpResponseMessage Trickled(string json, int piece, int breakAfter = int.MaxValue) =>
        new(HttpStatusCode.OK)
        {
            Content = new StreamContent(new TrickleStream(Encoding.UTF8.GetBytes(json), piece, breakAfter))
            {
                Headers = { ContentType = new("application/json") },
            },
        };

    private async Task<QueryResult> QueryAsync(Func<HttpResponseMessage> answer)
    {
        using var client = Some.Client(new StubPrometheusHandler(_ => answer()));
        return await client.QueryAsync("x", Some.Time, TestContext.CancellationToken);
    }

    [TestMethod]
    public async Task Read_LargeMatrixArrivingInPieces_SameSeriesAsTheWholeBody()
    {
        var json = Matrix(series: 40, points: 3000); // about 3 MB, far past the reader's 64 KiB buffer

        var whole = await QueryAsync(() => StubPrometheusHandler.Json(json));
        var trickled = await QueryAsync(() => Trickled(json, piece: 1_000));

        Assert.AreEqual("matrix", trickled.ResultType);
        Assert.HasCount(40, trickled.Series);
        for (var s = 0; s < 40; s++)
        {
            Assert.AreEqual(whole.Series[s].Labels, trickled.Series[s].Labels);
            CollectionAssert.AreEqual(whole.Series[s].Samples.ToArray(), trickled.Series[s].Samples.ToArray());
        }

        Assert.AreEqual(new Labels([KeyValuePair.Create("pod", "p-39"), KeyValuePair.Create("namespace", "shop")]), trickled.Series[39].Labels);
        Assert.AreEqual(new Sample(DateTimeOffset.FromUnixTimeMilliseconds((1_700_000_000 + (15 * 2999)) * 1000L + 500), 39_000 + (2999 * 0.25)), trickled.Series[39].Samples[2999]);
    }

    [TestMethod]
    public async Task Read_ResultBeforeItsTypeAndWhitespaceFirst_IsRead()
    {
        var result = await QueryAsync(() => Trickled(" \r\n\t" + Matrix(series: 2, points: 3, resultFirst: true), piece: 7));

        Assert.AreEqual("matrix", result.ResultType);
        Assert.HasCount(3, result.Series[1].Samples);
        Assert.AreEqual(1000.5, result.Series[1].Samples[2].Value);
    }

    [TestMethod]
    public async Task Read_ANativeHistogramSeries_KeptWithoutSamples()
    {
        var result = await QueryAsync(() => StubPrometheusHandler.Json(
            """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"le":"x"},"histogram":[1700000000,{"count":"3","buckets":[[0,"1","2","3"]]}]}]}}"""));

        Assert.IsEmpty(Assert.ContainsSingle(result.Series).Samples);
    }

    [TestMethod]
    [DataRow("[]")]
    [DataRow("\"ok\"")]
    [DataRow("{\"data\":{}}")]
    public async Task Read_JsonThatIsNotTheApisEnvelope_IsNoPrometheusApiResponse_NotRetried(string json)
    {
        using var client = Some.Client(new StubPrometheusHandler(_ => StubPrometheusHandler.Json(json)));

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(1, client.RequestCount);
        Assert.Contains("that is not a Prometheus API response", error.Message);
    }

    [TestMethod]
    [DataRow("""{"status":"success","data":{"resultType":"matrix"}}""", "no data.result")]
    [DataRow("""{"status":"success","data":{"resultType":"matrix","result":[1700000000,"1"]}}""", "not a series")]
    [DataRow("""{"status":"success","data":{"resultType":"scalar","result":[1700000000]}}""", "not [time, \"value\"]")]
    [DataRow("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":["1700000000","1"]}]}}""", "\"1700000000\" is out of range")]
    [DataRow("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"pod":7},"value":[1700000000,"1"]}]}}""", "$.data.result[0]")]
    public async Task Read_MalformedResult_RetriedThenUnparseable_SayingWhat(string json, string expected)
    {
        using var client = Some.Client(new StubPrometheusHandler(_ => StubPrometheusHandler.Json(json)));

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(4, client.RequestCount);
        Assert.Contains("the answer could not be parsed as Prometheus JSON: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [TestMethod]
    public async Task Read_ConnectionBreaksMidAnswer_RetriedThenTheNextAnswerIsRead()
    {
        var json = Matrix(series: 10, points: 500);
        using var client = Some.Client(StubPrometheusHandler.Sequence(() => Trickled(json, piece: 4_000, breakAfter: json.Length / 2), () => Trickled(json, piece: 4_000)));

        var result = await client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        Assert.AreEqual(2, client.RequestCount);
        Assert.HasCount(10, result.Series);
    }

    [TestMethod]
    public async Task Read_ConnectionBreaksMidAnswerEveryTime_UnavailableSayingTheConnectionBroke()
    {
        var json = Matrix(series: 10, points: 500);
        using var client = Some.Client(new StubPrometheusHandler(_ => Trickled(json, piece: 4_000, breakAfter: json.Length / 2)));

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.Contains("the connection broke while reading the answer", error.Message);
    }

    /// <summary>Gives its bytes at most <c>piece</c> at a time, then fails as a broken connection does after <c>breakAfter</c>.</summary>
    private sealed class TrickleStream(byte[] bytes, int piece, int breakAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= breakAfter)
            {
                throw new IOException("the peer reset the connection");
            }

            var n = Math.Min(Math.Min(piece, buffer.Length), Math.Min(bytes.Length, breakAfter) - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
