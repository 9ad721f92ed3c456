namespace DeployVerifier.Prometheus.Tests;

[TestClass]
public sealed class PrometheusEndpointsTests
{
    [TestMethod]
    [DataRow("http://prometheus:9090", "http://prometheus:9090/api/v1/query", "http://prometheus:9090/-/ready")]
    [DataRow("http://prometheus:9090/", "http://prometheus:9090/api/v1/query", "http://prometheus:9090/-/ready")]
    [DataRow("https://mimir.example/prometheus", "https://mimir.example/prometheus/api/v1/query", "https://mimir.example/prometheus/-/ready")]
    [DataRow("https://mimir.example/prometheus/", "https://mimir.example/prometheus/api/v1/query", "https://mimir.example/prometheus/-/ready")]
    [DataRow("http://vmselect:8481/select/0/prometheus", "http://vmselect:8481/select/0/prometheus/api/v1/query", "http://vmselect:8481/select/0/prometheus/-/ready")]
    public void Endpoints_BaseWithOrWithoutPrefix_AppendApiPath(string baseAddress, string query, string ready)
    {
        var endpoints = new PrometheusEndpoints(new Uri(baseAddress));

        Assert.AreEqual(query, endpoints.Query.AbsoluteUri);
        Assert.AreEqual(query + "_range", endpoints.QueryRange.AbsoluteUri);
        Assert.AreEqual(ready, endpoints.Ready.AbsoluteUri);
    }

    [TestMethod]
    public void Display_UserInfoInAddress_IsDropped()
    {
        var endpoints = new PrometheusEndpoints(new Uri("https://admin:hunter2@prometheus.example/prometheus/"));

        Assert.AreEqual("https://prometheus.example/prometheus", endpoints.Display);
        Assert.DoesNotContain("hunter2", endpoints.Query.AbsoluteUri);
    }

    [TestMethod]
    [DataRow("ftp://prometheus/")]
    [DataRow("file:///tmp/prometheus")]
    public void Constructor_NotHttp_Throws(string address) =>
        Assert.ThrowsExactly<ArgumentException>(() => new PrometheusEndpoints(new Uri(address)));
}
