using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DeployVerifier.Checklists;
using DeployVerifier.Metrics;
using DeployVerifier.Prometheus.Tests.Support;

namespace DeployVerifier.Prometheus.Tests;

[TestClass]
public sealed class PrometheusClientFactoryTests
{
    private const string Token = "s3cr3t-t0ken";
    private const string Password = "p4ss-w0rd";

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["PROM_TOKEN"] = Token,
        ["PROM_USER"] = "verifier",
        ["PROM_PASSWORD"] = Password,
        ["TENANT"] = "team-a",
    };

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Create_HeadersAndBearerToken_SentWithEveryRequest()
    {
        var handler = new StubPrometheusHandler(_ => StubPrometheusHandler.Json(PrometheusAnswers.Empty));
        var settings = Some.Settings(
            headers: new Dictionary<string, string> { ["X-Scope-OrgID"] = "fixed" },
            headersFromEnv: new Dictionary<string, string> { ["X-Tenant"] = "TENANT" },
            bearerTokenEnv: "PROM_TOKEN");
        using var client = Some.Client(handler, settings: settings, environment: Read);

        await client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        var headers = Assert.ContainsSingle(handler.Requests).Headers;
        Assert.AreEqual("fixed", headers["X-Scope-OrgID"]);
        Assert.AreEqual("team-a", headers["X-Tenant"]);
        Assert.AreEqual($"Bearer {Token}", headers["Authorization"]);
        Assert.AreEqual("deploy-verifier", headers["User-Agent"]);
    }

    [TestMethod]
    public async Task Create_BasicAuth_SendsEncodedCredentials()
    {
        var handler = new StubPrometheusHandler(_ => StubPrometheusHandler.Json(PrometheusAnswers.Empty));
        using var client = Some.Client(handler, settings: Some.Settings(basicAuth: new BasicAuthSettings("PROM_USER", "PROM_PASSWORD")), environment: Read);

        await client.QueryAsync("up", Some.Time, TestContext.CancellationToken);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"verifier:{Password}"));
        Assert.AreEqual(expected, Assert.ContainsSingle(handler.Requests).Headers["Authorization"]);
    }

    [TestMethod]
    [DataRow("MISSING", null, "environment variable MISSING (prometheus.bearerTokenEnv) is not set")]
    [DataRow("EMPTY", null, "environment variable EMPTY (prometheus.bearerTokenEnv) is empty")]
    [DataRow(null, "MISSING", "environment variable MISSING (prometheus.headersFromEnv.X-Scope-OrgID) is not set")]
    public void Create_EnvironmentVariableNotSet_ThrowsNamingVariableAndSetting(string? tokenVariable, string? headerVariable, string expected)
    {
        var settings = Some.Settings(
            bearerTokenEnv: tokenVariable,
            headersFromEnv: headerVariable is null ? null : new Dictionary<string, string> { ["X-Scope-OrgID"] = headerVariable });

        var error = Assert.ThrowsExactly<PrometheusConfigurationException>(
            () => PrometheusClientFactory.Create(settings, Some.Url, name => name == "EMPTY" ? string.Empty : Read(name), TimeProvider.System));

        Assert.AreEqual(expected, error.Message);
    }

    [TestMethod]
    [DataRow("tökén-ü", "PROM_TOKEN (prometheus.bearerTokenEnv) holds a non-ASCII character")]
    [DataRow("token\r\nX-Injected: 1", "PROM_TOKEN (prometheus.bearerTokenEnv) holds a line break")]
    public void Create_BearerTokenAHeaderCantCarry_ThrowsNamingTheVariableNotTheValue(string token, string expected)
    {
        var error = Assert.ThrowsExactly<PrometheusConfigurationException>(() => PrometheusClientFactory.Create(
            Some.Settings(bearerTokenEnv: "PROM_TOKEN"), Some.Url, name => name == "PROM_TOKEN" ? token : Read(name), TimeProvider.System));

        Assert.AreEqual($"environment variable {expected}; a header value may hold only visible ASCII characters, spaces and tabs", error.Message);
    }

    [TestMethod]
    public void Create_HeaderFromEnvWithNonAscii_ThrowsNamingTheVariableNotTheValue()
    {
        var settings = Some.Settings(headersFromEnv: new Dictionary<string, string> { ["X-Api-Key"] = "API_KEY" });

        var error = Assert.ThrowsExactly<PrometheusConfigurationException>(
            () => PrometheusClientFactory.Create(settings, Some.Url, name => name == "API_KEY" ? "clé-secrète" : null, TimeProvider.System));

        StringAssert.StartsWith(error.Message, "environment variable API_KEY (prometheus.headersFromEnv.X-Api-Key) holds a non-ASCII character");
        Assert.DoesNotContain("clé", error.Message);
    }

    [TestMethod]
    public void Create_SeveralProblems_ReportsThemAllWithoutValues()
    {
        var settings = Some.Settings(
            headers: new Dictionary<string, string> { ["Bad Header"] = "x" },
            basicAuth: new BasicAuthSettings("PROM_USER", "NO_PASSWORD"));

        var error = Assert.ThrowsExactly<PrometheusConfigurationException>(() => PrometheusClientFactory.Create(settings, Some.Url, Read, TimeProvider.System));

        Assert.Contains("header Bad Header (prometheus.headers.Bad Header)", error.Message);
        Assert.Contains("environment variable NO_PASSWORD (prometheus.basicAuth.passwordEnv) is not set", error.Message);
        Assert.DoesNotContain("verifier", error.Message);
    }

    [TestMethod]
    public void Create_BearerAndBasicAuth_IsAConfigurationError()
    {
        var settings = Some.Settings(bearerTokenEnv: "PROM_TOKEN", basicAuth: new BasicAuthSettings("PROM_USER", "PROM_PASSWORD"));

        var error = Assert.ThrowsExactly<PrometheusConfigurationException>(() => PrometheusClientFactory.Create(settings, Some.Url, Read, TimeProvider.System));

        Assert.Contains("can't both be set", error.Message);
    }

    [TestMethod]
    [DataRow(503)]
    [DataRow(400)]
    [DataRow(401)]
    [DataRow(200)]
    public async Task Failures_NeverCarryCredentials(int status)
    {
        // The server echoes nothing secret, but a careless message could still quote the request it failed on.
        var handler = new StubPrometheusHandler(_ => status == 200
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy</html>", Encoding.UTF8, "text/html") }
            : StubPrometheusHandler.Json(PrometheusAnswers.Error("bad_data", "nope"), (HttpStatusCode)status));
        var basic = Some.Settings(basicAuth: new BasicAuthSettings("PROM_USER", "PROM_PASSWORD"));
        var bearer = Some.Settings(bearerTokenEnv: "PROM_TOKEN");

        foreach (var settings in new[] { basic, bearer })
        {
            using var client = Some.Client(handler, settings: settings, environment: Read, url: new Uri($"http://admin:{Password}@prometheus.test/"));
            var error = await Assert.ThrowsAsync<MetricStoreException>(() => client.QueryAsync("up", Some.Time, TestContext.CancellationToken));
            AssertNoSecrets(error);
        }
    }

    [TestMethod]
    public async Task Unreachable_MessageCarriesNoCredentials()
    {
        using var client = PrometheusClientFactory.Create(
            Some.Settings(bearerTokenEnv: "PROM_TOKEN"), new Uri($"http://admin:{Password}@127.0.0.1:1/"), Read, TimeProvider.System, Some.InstantRetry with { MaxAttempts = 1 });

        var error = await Assert.ThrowsExactlyAsync<MetricStoreUnavailableException>(() => client.CheckReadyAsync(TestContext.CancellationToken));

        Assert.StartsWith("Prometheus at http://127.0.0.1:1 is not reachable", error.Message);
        AssertNoSecrets(error);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(-5)]
    public void Create_TimeoutOutOfRange_IsAConfigurationError(int seconds) =>
        Assert.ThrowsExactly<PrometheusConfigurationException>(
            () => PrometheusClientFactory.Create(Some.Settings(timeout: TimeSpan.FromSeconds(seconds)), Some.Url, Read, TimeProvider.System));

    [TestMethod]
    public void Create_CaFileMissing_IsAConfigurationError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.pem");

        var error = Assert.ThrowsExactly<PrometheusConfigurationException>(
            () => PrometheusClientFactory.Create(Some.Settings(caFile: path), Some.Url, Read, TimeProvider.System));

        Assert.StartsWith($"the CA file {path} (prometheus.caFile) can't be read", error.Message);
    }

    [TestMethod]
    public void Create_CaFileWithoutCertificates_IsAConfigurationError()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a certificate");

            var error = Assert.ThrowsExactly<PrometheusConfigurationException>(
                () => PrometheusClientFactory.Create(Some.Settings(caFile: path), Some.Url, Read, TimeProvider.System));

            Assert.Contains("holds no PEM certificate", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Validate_ChainToExtraAuthority_IsAccepted_OthersAreNot()
    {
        using var authority = CreateAuthority("CN=Internal CA");
        using var stranger = CreateAuthority("CN=Other CA");
        using var server = CreateServerCertificate(authority, "prometheus.internal");
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, authority.ExportCertificatePem());
            var trusted = PrometheusHttpHandler.LoadAuthorities(path);
            var untrusted = new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(stranger.RawData));

            Assert.IsTrue(PrometheusHttpHandler.Validate(server, null, SslPolicyErrors.RemoteCertificateChainErrors, trusted));
            Assert.IsFalse(PrometheusHttpHandler.Validate(server, null, SslPolicyErrors.RemoteCertificateChainErrors, untrusted));
            Assert.IsFalse(PrometheusHttpHandler.Validate(
                server, null, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, trusted));
            Assert.IsTrue(PrometheusHttpHandler.Validate(server, null, SslPolicyErrors.None, untrusted), "system-trusted stays trusted");

            using var handler = PrometheusHttpHandler.Create(Some.Settings(caFile: path));
            Assert.IsNotNull(handler.SslOptions.RemoteCertificateValidationCallback);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void CreateHandler_UsesTheEnvironmentProxy()
    {
        using var handler = PrometheusHttpHandler.Create(Some.Settings());

        // Null means HttpClient.DefaultProxy, which reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY on Linux.
        Assert.IsTrue(handler.UseProxy);
        Assert.IsNull(handler.Proxy);
    }

    private static string? Read(string name) => Environment.GetValueOrDefault(name);

    private static void AssertNoSecrets(Exception error)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"verifier:{Password}"));
        for (var e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(Token, e.Message);
            Assert.DoesNotContain(Password, e.Message);
            Assert.DoesNotContain(basic, e.Message);
        }
    }

    private static X509Certificate2 CreateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        return request.CreateSelfSigned(now, now.AddYears(50));
    }

    private static X509Certificate2 CreateServerCertificate(X509Certificate2 authority, string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        using var signed = request.Create(authority, now.AddDays(1), now.AddYears(40), [1, 2, 3, 4]);
        return signed.CopyWithPrivateKey(key);
    }
}
