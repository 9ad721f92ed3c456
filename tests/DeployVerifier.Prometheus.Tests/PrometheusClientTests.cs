using System.Net;
using System.Net.Sockets;
using DeployVerifier.Metrics;
using DeployVerifier.Prometheus.Tests.Support;

namespace DeployVerifier.Prometheus.Tests;

[TestClass]
public sealed class PrometheusClientTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Query_Vector_ReturnsOneSamplePerSeriesWithAllLabels()
    {
        using var client = Some.Client(new StubPrometheusHandler(_ => StubPrometheusHandler.Json(PrometheusAnswers.Vector)));

        var result = await client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        Assert.HasCount(2, result.Series);
        var first = result.Series[0];
        Assert.AreEqual("up", first.Labels["__name__"]);
        Assert.AreEqual("api-1", first.Labels["pod"]);
        Assert.HasCount(1, first.Samples);
        Assert.AreEqual(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), first.Samples[0].Time);
        Assert.AreEqual(1.0, first.Samples[0].Value);
        Assert.AreEqual(0.0, result.Series[1].Samples[0].Value);
        Assert.IsEmpty(result.Warnings);
    }

    [TestMethod]
    [DataRow("NaN", double.NaN)]
    [DataRow("+Inf", double.PositiveInfinity)]
    [DataRow("-Inf", double.NegativeInfinity)]
    [DataRow("1.5e3", 1500.0)]
    [DataRow("-0.25", -0.25)]
    public async Task Query_SampleValue_ParsedFromItsString(string text, double expected)
    {
        using var client = Some.Client(new StubPrometheusHandler(_ => StubPrometheusHandler.Json(PrometheusAnswers.VectorValue(text))));

        var result = await client.QueryAsync("x", Some.Time, TestContext.CancellationToken);

        Assert.AreEqual(expected, result.Series[0].Samples[0].Value);
    }

    [TestMethod]
    public async Task Query_Scalar_ReturnsOneSeriesWithoutLabels()
    {
        using var client = Some.Client(new StubPrometheusHandler(_ => StubPrometheusHandler.Json(PrometheusAnswers.Scalar)));

        var result = await client.QueryAsync("scalar(up)", Some.Time, TestContext.CancellationToken);

        var series = Assert.ContainsSingle(result.Series);
        Assert.AreEqual(Labels.Empty, series.Labels);
        Assert.AreEqual(new Sample(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), 42.5), Assert.ContainsSingle(series.Samples));
    }

    [TestMethod]
    public async Task Query_StringResult_IsInvalidQuery()
    {
        using var client = Some.Client(new StubPrometheusHandler(_ => StubPrometheusHandler.Json(
            """{"status":"success","data":{"resultType":"string","result":[1700000000,"hello"]}}""")));

        var error = await Assert.ThrowsExactlyAsync<InvalidQueryException>(() => client.QueryAsync("\"hello\"", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual("unsupported_result", error.ErrorType);
    }

    [TestMethod]
    public async Task Query_WarningsAndInfos_AreKept_InfosPrefixed()
    {
        using var client = Some.Client(new StubPrometheusHandler(_ => StubPrometheusHandler.Json(
            """
            {"status":"success","data":{"resultType":"vector","result":[]},
             "warnings":["partial response: store B down"],"infos":["metric might not be a counter"]}
            """)));

        var result = await client.QueryAsync("rate(x[5m])", Some.Time, TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { "partial response: store B down", "info: metric might not be a counter" }, result.Warnings.ToArray());
    }

    [TestMethod]
    public async Task Query_PostsForm_WithUnixSecondsInInvariantCulture()
    {
        var handler = new StubPrometheusHandler(_ => StubPrometheusHandler.Json(PrometheusAnswers.Empty));
        using var client = Some.Client(handler);

        await client.QueryAsync("sum by (job) (up{job=\"a b\"})", Some.Time.AddMilliseconds(123), TestContext.CancellationToken);

        var request = Assert.ContainsSingle(handler.Requests);
        Assert.AreEqual(HttpMethod.Post, request.Method);
        Assert.AreEqual("application/x-www-form-urlencoded", request.ContentType);
        Assert.AreEqual(new Uri("http://prometheus.test:9090/api/v1/query"), request.Uri);
        Assert.AreEqual("sum by (job) (up{job=\"a b\"})", request.Form["query"]);
        Assert.AreEqual("1700000000.123", request.Form["time"]);
    }

    [TestMethod]
    public async Task QueryRange_PostsStartEndAndStepInSeconds()
    {
        var handler = new StubPrometheusHandler(_ => StubPrometheusHandler.Json(
            """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"pod":"a"},"values":[[1700000000,"1"],[1700000030,"2"]]}]}}
            """));
        using var client = Some.Client(handler);

        var result = await client.QueryRangeAsync("up", Some.Time, Some.Time.AddSeconds(30), TimeSpan.FromSeconds(30), TestContext.CancellationToken);

        var request = Assert.ContainsSingle(handler.Requests);
        Assert.AreEqual("/api/v1/query_range", request.Uri.AbsolutePath);
        Assert.AreEqual("1700000000", request.Form["start"]);
        Assert.AreEqual("1700000030", request.Form["end"]);
        Assert.AreEqual("30", request.Form["step"]);
        Assert.AreEqual("1", request.Form["nocache"], "VictoriaMetrics keeps the points on the grid asked for");
        CollectionAssert.AreEqual(new[] { 1.0, 2.0 }, Assert.ContainsSingle(result.Series).Samples.Select(s => s.Value).ToArray());
    }

    [TestMethod]
    public async Task QueryRange_SplitsLongRanges_IntoAlignedChunks()
    {
        var step = TimeSpan.FromSeconds(15);
        var end = Some.Time + (step * 25_000);

        // Each chunk answers with its first and last point, and series a also with the point before its start, as a
        // store widening the range to its own alignment would: the merge must not double the border point.
        var handler = new StubPrometheusHandler(request =>
        {
            var start = request.Form["start"];
            var stop = request.Form["end"];
            var before = long.Parse(start, System.Globalization.CultureInfo.InvariantCulture) - 15;
            return StubPrometheusHandler.Json($$$"""
                {"status":"success","data":{"resultType":"matrix","result":[
                  {"metric":{"pod":"a"},"values":[[{{{before}}},"9"],[{{{start}}},"1"],[{{{stop}}},"2"]]},
                  {"metric":{"pod":"b"},"values":[[{{{start}}},"3"]]}]}}
                """);
        });
        using var client = Some.Client(handler);

        var result = await client.QueryRangeAsync("up", Some.Time, end, step, TestContext.CancellationToken);

        var requests = handler.Requests;
        Assert.HasCount(3, requests);
        CollectionAssert.AreEqual(
            new[] { "1700000000", "1700165000", "1700330000" },
            requests.Select(r => r.Form["start"]).ToArray());
        CollectionAssert.AreEqual(
            new[] { "1700164985", "1700329985", "1700375000" },
            requests.Select(r => r.Form["end"]).ToArray());
        Assert.HasCount(2, result.Series);
        var a = result.Series.Single(s => s.Labels["pod"] == "a").Samples;
        Assert.HasCount(7, a);
        Assert.IsTrue(a.Zip(a.Skip(1)).All(p => p.First.Time < p.Second.Time), "samples in time order without duplicates");
        Assert.HasCount(3, result.Series.Single(s => s.Labels["pod"] == "b").Samples);
    }

    [TestMethod]
    [DataRow(400, "bad_data", "parse error at char 5")]
    [DataRow(422, "execution", "many-to-many matching not allowed")]
    [DataRow(404, "not_found", "unknown endpoint")]
    public async Task Query_RefusedQuery_ThrowsInvalidQuery_WithoutRetry(int status, string errorType, string message)
    {
        var handler = new StubPrometheusHandler(_ => StubPrometheusHandler.Json(PrometheusAnswers.Error(errorType, message), (HttpStatusCode)status));
        using var client = Some.Client(handler);

        var error = await Assert.ThrowsExactlyAsync<InvalidQueryException>(() => client.QueryAsync("up{", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual("up{", error.Query);
        Assert.AreEqual(errorType, error.ErrorType);
        Assert.AreEqual(message, error.ServerMessage);
        Assert.AreEqual(1, client.RequestCount);
    }

    [TestMethod]
    [DataRow(401, "unauthorized")]
    [DataRow(403, "forbidden")]
    [DataRow(405, "http_405")]
    public async Task Query_OtherClientErrorWithoutJson_ThrowsInvalidQuery_WithoutRetry(int status, string errorType)
    {
        var handler = new StubPrometheusHandler(_ => new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("denied") });
        using var client = Some.Client(handler);

        var error = await Assert.ThrowsExactlyAsync<InvalidQueryException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(errorType, error.ErrorType);
        Assert.AreEqual(1, client.RequestCount);
    }

    [TestMethod]
    [DataRow(503)]
    [DataRow(500)]
    [DataRow(502)]
    [DataRow(429)]
    public async Task Query_TransientStatus_RetriedThenSucceeds(int status)
    {
        var handler = StubPrometheusHandler.Sequence(
            () => StubPrometheusHandler.Json(PrometheusAnswers.Error("timeout", "query timed out"), (HttpStatusCode)status),
            () => StubPrometheusHandler.Json(PrometheusAnswers.VectorOne));
        using var client = Some.Client(handler);

        var result = await client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        Assert.HasCount(1, result.Series);
        Assert.AreEqual(2, client.RequestCount);
    }

    [TestMethod]
    public async Task Query_RetriesExhausted_ThrowsUnavailable_NamingQueryAndServerWords()
    {
        var handler = new StubPrometheusHandler(_ => StubPrometheusHandler.Json(
            PrometheusAnswers.Error("timeout", "query timed out in expression evaluation"), HttpStatusCode.ServiceUnavailable));
        using var client = Some.Client(handler);

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(
            () => client.QueryAsync("sum(rate(http_requests_total[5m]))", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(4, client.RequestCount);
        Assert.Contains("sum(rate(http_requests_total[5m]))", error.Message);
        Assert.Contains("HTTP 503", error.Message);
        Assert.Contains("query timed out in expression evaluation", error.Message);
        Assert.Contains("4 attempts", error.Message);
    }

    [TestMethod]
    public async Task Query_ConnectionError_RetriedThenUnavailable()
    {
        var handler = new StubPrometheusHandler((_, _) => Task.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (prometheus.test:9090)", new SocketException((int)SocketError.ConnectionRefused))));
        using var client = Some.Client(handler);

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(4, client.RequestCount);
        Assert.Contains("Connection refused", error.Message);
    }

    [TestMethod]
    public async Task Query_RealConnectionRefused_ThrowsUnavailable()
    {
        using var client = PrometheusClientFactory.Create(
            Some.Settings(), new Uri($"http://127.0.0.1:{ClosedPort()}"), _ => null, TimeProvider.System, Some.InstantRetry with { MaxAttempts = 2 });

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(2, client.RequestCount);
        Assert.Contains("`up`", error.Message);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [TestMethod]
    public async Task Query_HtmlPageWithOk_RetriedThenUnavailable_SayingItIsNoPrometheusJson()
    {
        var handler = new StubPrometheusHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("<html><body>Sign in</body></html>", System.Text.Encoding.UTF8, "text/html"),
        });
        using var client = Some.Client(handler);

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(4, client.RequestCount);
        Assert.Contains("the answer could not be parsed as Prometheus JSON", error.Message);
        Assert.Contains("text/html", error.Message);
    }

    [TestMethod]
    public async Task Query_BodyCutMidJson_RetriedThenUnavailable_NotCalledALoginPage()
    {
        var handler = new StubPrometheusHandler(_ => StubPrometheusHandler.Json(PrometheusAnswers.Vector[..60]));
        using var client = Some.Client(handler);

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(4, client.RequestCount);
        Assert.Contains("Prometheus query `up` failed: the answer could not be parsed as Prometheus JSON: ", error.Message);
        Assert.DoesNotContain("login page", error.Message);
    }

    [TestMethod]
    public async Task Query_BodyCutMidJsonOnce_SecondAttemptAnswers()
    {
        var handler = StubPrometheusHandler.Sequence(
            () => StubPrometheusHandler.Json(PrometheusAnswers.Vector[..60]),
            () => StubPrometheusHandler.Json(PrometheusAnswers.Vector));
        using var client = Some.Client(handler);

        var result = await client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        Assert.HasCount(2, result.Series);
    }

    [TestMethod]
    [DataRow("1e15")]
    [DataRow("-1e12")]
    [DataRow("1e40")]
    public async Task Query_SampleTimestampOutOfRange_RetriedThenUnavailable(string timestamp)
    {
        var handler = new StubPrometheusHandler(_ => StubPrometheusHandler.Json(
            $$$"""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[{{{timestamp}}},"1"]}]}}"""));
        using var client = Some.Client(handler);

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(4, client.RequestCount);
        Assert.Contains("the answer could not be parsed as Prometheus JSON: ", error.Message);
        Assert.Contains(timestamp, error.Message);
    }

    [TestMethod]
    public async Task Query_GzipEncodingOnAPlainBody_RetriedThenUnavailable()
    {
        using var server = new RawHttpServer(_ => RawHttpServer.Answer("200 OK", PrometheusAnswers.Vector, "Content-Type: application/json", "Content-Encoding: gzip"));
        using var client = PrometheusClientFactory.Create(Some.Settings(), server.Url, _ => null, TimeProvider.System, Some.InstantRetry);

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(4, client.RequestCount);
        Assert.Contains("the answer could not be parsed as Prometheus JSON: ", error.Message);
        Assert.Contains("Content-Encoding", error.Message);
    }

    [TestMethod]
    public async Task Query_WithPatience_RetriesAStoreThatCantAnswerPastFourAttempts()
    {
        var failures = 0;
        var handler = new StubPrometheusHandler(_ => ++failures <= 12
            ? StubPrometheusHandler.Json(PrometheusAnswers.Error("unavailable", "rate limited"), (HttpStatusCode)429)
            : StubPrometheusHandler.Json(PrometheusAnswers.VectorOne));
        using var client = Some.Client(handler, Some.InstantRetry with { Patience = TimeSpan.FromMinutes(2) });

        var result = await client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        Assert.HasCount(1, result.Series);
        Assert.AreEqual(13, client.RequestCount, "twelve 429s, then the answer");
    }

    [TestMethod]
    public async Task Query_WithPatienceSpent_GivesUpSayingSo_ThenFailsAtOnceUntilTheStoreAnswers()
    {
        var down = true;
        var handler = new StubPrometheusHandler(_ => down
            ? StubPrometheusHandler.Json(PrometheusAnswers.Error("internal", "down"), HttpStatusCode.ServiceUnavailable)
            : StubPrometheusHandler.Json(PrometheusAnswers.VectorOne));
        using var client = Some.Client(handler, Some.InstantRetry with { Patience = TimeSpan.FromMilliseconds(300) });

        var first = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));
        var spent = client.RequestCount;
        await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));
        down = false;
        var back = await client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        StringAssert.Contains(first.Message, "the store has answered nothing for");
        Assert.IsGreaterThan(4, spent, "retried past the four attempts while patience lasted");
        Assert.AreEqual(spent + 2, client.RequestCount, "once spent, one attempt per request until the store answers");
        Assert.HasCount(1, back.Series);
    }

    [TestMethod]
    public async Task Query_WithPatience_AnUnreadableAnswerIsStillTriedFourTimes()
    {
        var handler = new StubPrometheusHandler(_ => StubPrometheusHandler.Json("{\"status\":\"success\",\"data\":"));
        using var client = Some.Client(handler, Some.InstantRetry with { Patience = TimeSpan.FromMinutes(2) });

        await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(4, client.RequestCount);
    }

    [TestMethod]
    public async Task Query_Backoff_GrowsExponentially_OnTheInjectedClock()
    {
        var time = new RecordingTimeProvider();
        var handler = StubPrometheusHandler.Sequence(
            () => StubPrometheusHandler.Json(PrometheusAnswers.Error("internal", "boom"), HttpStatusCode.InternalServerError),
            () => StubPrometheusHandler.Json(PrometheusAnswers.Error("internal", "boom"), HttpStatusCode.InternalServerError),
            () => StubPrometheusHandler.Json(PrometheusAnswers.VectorOne));
        using var client = Some.Client(handler, new PrometheusRetryOptions { UseJitter = false }, time);

        var query = client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        Assert.AreEqual(TimeSpan.FromSeconds(1), await time.NextTimerAsync(ignore: Some.Timeout));
        Assert.AreEqual(1, client.RequestCount);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual(TimeSpan.FromSeconds(2), await time.NextTimerAsync(ignore: Some.Timeout));
        Assert.AreEqual(2, client.RequestCount);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.HasCount(1, (await query).Series);
        Assert.AreEqual(3, client.RequestCount);
    }

    [TestMethod]
    [DataRow(7, 7)]
    [DataRow(600, 20)]
    public async Task Query_RetryAfter_IsHonored_WithinBound(int askedSeconds, int expectedSeconds)
    {
        var time = new RecordingTimeProvider();
        var handler = StubPrometheusHandler.Sequence(
            () =>
            {
                var busy = StubPrometheusHandler.Json(PrometheusAnswers.Error("unavailable", "too many queries"), HttpStatusCode.TooManyRequests);
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(askedSeconds));
                return busy;
            },
            () => StubPrometheusHandler.Json(PrometheusAnswers.VectorOne));
        using var client = Some.Client(handler, new PrometheusRetryOptions { MaxRetryAfter = TimeSpan.FromSeconds(20) }, time);

        var query = client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        Assert.AreEqual(TimeSpan.FromSeconds(expectedSeconds), await time.NextTimerAsync(ignore: Some.Timeout));
        time.Advance(TimeSpan.FromSeconds(expectedSeconds));
        await query;
        Assert.AreEqual(2, client.RequestCount);
    }

    [TestMethod]
    public async Task Query_AttemptTimesOut_RetriedThenUnavailable()
    {
        var handler = new StubPrometheusHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var client = Some.Client(handler, Some.InstantRetry with { MaxAttempts = 2 }, settings: Some.Settings(timeout: TimeSpan.FromMilliseconds(50)));

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.AreEqual(2, client.RequestCount);
        Assert.Contains("no answer within 0.05s", error.Message);
    }

    [TestMethod]
    public async Task Query_CallerCancelsDuringRequest_OperationCanceledPropagates()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StubPrometheusHandler(async (_, token) =>
        {
            arrived.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var client = Some.Client(handler);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);

        var query = client.QueryAsync("up", Some.Time, cancel.Token);
        await arrived.Task;
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => query);
        Assert.AreEqual(1, client.RequestCount);
    }

    [TestMethod]
    public async Task Query_CallerCancelsDuringBackoff_OperationCanceledPropagates()
    {
        var time = new RecordingTimeProvider();
        var handler = new StubPrometheusHandler(_ => StubPrometheusHandler.Json(PrometheusAnswers.Error("internal", "boom"), HttpStatusCode.InternalServerError));
        using var client = Some.Client(handler, new PrometheusRetryOptions(), time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);

        var query = client.QueryAsync("up", Some.Time, cancel.Token);
        await time.NextTimerAsync(ignore: Some.Timeout);
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => query);
        Assert.AreEqual(1, client.RequestCount);
    }

    [TestMethod]
    [DataRow("http://mimir.test/prometheus", "/prometheus/api/v1/query")]
    [DataRow("http://vm.test/select/0/prometheus/", "/select/0/prometheus/api/v1/query")]
    [DataRow("http://prometheus.test:9090/", "/api/v1/query")]
    public async Task Query_BaseAddressWithPrefix_KeepsThePrefix(string baseAddress, string expectedPath)
    {
        var handler = new StubPrometheusHandler(_ => StubPrometheusHandler.Json(PrometheusAnswers.Empty));
        using var client = Some.Client(handler, url: new Uri(baseAddress));

        await client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        Assert.AreEqual(expectedPath, Assert.ContainsSingle(handler.Requests).Uri.AbsolutePath);
    }

    [TestMethod]
    public async Task CheckReady_ReadyAnswersOk_SendsOneGet()
    {
        var handler = new StubPrometheusHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("Prometheus Server is Ready.") });
        using var client = Some.Client(handler, url: new Uri("http://prometheus.test:9090/"));

        await client.CheckReadyAsync(TestContext.CancellationToken);

        var request = Assert.ContainsSingle(handler.Requests);
        Assert.AreEqual(HttpMethod.Get, request.Method);
        Assert.AreEqual("/-/ready", request.Uri.AbsolutePath);
    }

    [TestMethod]
    public async Task CheckReady_NoReadyEndpoint_FallsBackToVectorQuery()
    {
        var handler = new StubPrometheusHandler(request => request.Uri.AbsolutePath.EndsWith("/-/ready", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : StubPrometheusHandler.Json(PrometheusAnswers.VectorOne));
        using var client = Some.Client(handler, url: new Uri("http://mimir.test/prometheus"));

        await client.CheckReadyAsync(TestContext.CancellationToken);

        Assert.HasCount(2, handler.Requests);
        Assert.AreEqual("/prometheus/-/ready", handler.Requests[0].Uri.AbsolutePath);
        Assert.AreEqual("/prometheus/api/v1/query", handler.Requests[1].Uri.AbsolutePath);
        Assert.AreEqual("vector(1)", handler.Requests[1].Form["query"]);
    }

    [TestMethod]
    public async Task CheckReady_NotReady_ThrowsUnavailable_AfterRetries()
    {
        var handler = new StubPrometheusHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        using var client = Some.Client(handler);

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.CheckReadyAsync(TestContext.CancellationToken));

        Assert.AreEqual(4, client.RequestCount);
        Assert.StartsWith("Prometheus at http://prometheus.test:9090 is not ready: HTTP 503", error.Message);
    }

    [TestMethod]
    public async Task CheckReady_Unreachable_ThrowsNamingTheAddress()
    {
        var url = new Uri($"http://127.0.0.1:{ClosedPort()}");
        using var client = PrometheusClientFactory.Create(Some.Settings(), url, _ => null, TimeProvider.System, Some.InstantRetry with { MaxAttempts = 1 });

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.CheckReadyAsync(TestContext.CancellationToken));

        Assert.StartsWith($"Prometheus at http://127.0.0.1:{url.Port} is not reachable: ", error.Message);
    }

    [TestMethod]
    public async Task CheckReady_WrongPathPrefix_AddressErrorNamingTheAddress()
    {
        var handler = new StubPrometheusHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("404 page not found", System.Text.Encoding.UTF8, "text/plain"),
        });
        using var client = Some.Client(handler, url: new Uri("http://prometheus.test:9090/prom"));

        var error = await Assert.ThrowsExactlyAsync<MetricStoreAddressException>(() => client.CheckReadyAsync(TestContext.CancellationToken));

        Assert.StartsWith("no Prometheus API at http://prometheus.test:9090/prom: check the path prefix", error.Message);
        Assert.AreEqual(2, client.RequestCount, "not retried");
    }

    [TestMethod]
    [DataRow("http://elsewhere.test/api/v1/query", "http://elsewhere.test/api/v1/query")]
    [DataRow("https://prometheus.test:9090/api/v1/query", "https://prometheus.test:9090/api/v1/query")]
    [DataRow("http://prometheus.test:9091/api/v1/query", "http://prometheus.test:9091/api/v1/query")]
    [DataRow("http://user:pw@elsewhere.test/api/v1/query", "http://elsewhere.test/api/v1/query")]
    public async Task Query_RedirectToAnotherOrigin_AddressErrorNamingTheTarget_NotFollowed(string location, string shown)
    {
        var handler = new StubPrometheusHandler(request => request.Uri.Host == "prometheus.test" && request.Uri.Port == 9090 && request.Uri.Scheme == "http"
            ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri(location) } }
            : StubPrometheusHandler.Json(PrometheusAnswers.Vector));
        using var client = Some.Client(handler, settings: Some.Settings(bearerTokenEnv: "TOKEN"), environment: _ => "t0ken");

        var error = await Assert.ThrowsExactlyAsync<MetricStoreAddressException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.HasCount(1, handler.Requests);
        Assert.Contains($"answered 302 Found, redirecting to {shown}: a redirect to another host is not followed", error.Message);
        Assert.DoesNotContain("pw", error.Message);
    }

    [TestMethod]
    public async Task Query_RedirectOnTheSameOrigin_FollowedWithTheFormAndHeaders()
    {
        var handler = new StubPrometheusHandler(request => request.Uri.AbsolutePath == "/api/v1/query"
            ? new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri("/moved/api/v1/query", UriKind.Relative) } }
            : StubPrometheusHandler.Json(PrometheusAnswers.Vector));
        using var client = Some.Client(handler, settings: Some.Settings(bearerTokenEnv: "TOKEN"), environment: _ => "t0ken");

        var result = await client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        Assert.HasCount(2, result.Series);
        var followed = handler.Requests[1];
        Assert.AreEqual("http://prometheus.test:9090/moved/api/v1/query", followed.Uri.ToString());
        Assert.AreEqual(HttpMethod.Post, followed.Method);
        Assert.AreEqual("up", followed.Form["query"]);
        Assert.AreEqual("Bearer t0ken", followed.Headers["Authorization"]);
    }

    [TestMethod]
    public async Task Query_RealHandlerRedirectedToAnotherPort_OtherServerNeverAsked()
    {
        using var other = new RawHttpServer(_ => RawHttpServer.Answer("200 OK", PrometheusAnswers.Vector, "Content-Type: application/json"));
        using var server = new RawHttpServer(_ => RawHttpServer.Answer("302 Found", "", $"Location: {other.Url}api/v1/query"));
        using var client = PrometheusClientFactory.Create(Some.Settings(bearerTokenEnv: "TOKEN"), server.Url, _ => "t0ken", TimeProvider.System, Some.InstantRetry);

        var error = await Assert.ThrowsExactlyAsync<MetricStoreAddressException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));

        Assert.IsEmpty(other.Requests);
        Assert.Contains($"redirecting to {other.Url}api/v1/query", error.Message);
    }

    /// <summary>A local port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
