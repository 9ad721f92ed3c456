using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DeployVerifier.Checklists;

namespace DeployVerifier.Prometheus;

/// <summary>
/// The socket handler behind the client. The proxy is left to <see cref="HttpClient.DefaultProxy"/>, which on Linux
/// reads <c>http_proxy</c>/<c>HTTP_PROXY</c>, <c>https_proxy</c>/<c>HTTPS_PROXY</c>, <c>all_proxy</c> and
/// <c>no_proxy</c>/<c>NO_PROXY</c> from the process environment as curl does.
/// </summary>
internal static class PrometheusHttpHandler
{
    public static SocketsHttpHandler Create(PrometheusSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var extraAuthorities = settings.CaFile is { } path ? LoadAuthorities(path) : null;
        var handler = new SocketsHttpHandler
        {
            UseProxy = true,

            // Redirects are judged by the client: only those to the same scheme, host and port are followed.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,

            // A soak runs for hours; recycling connections lets DNS changes of a moved store take effect.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };

        if (extraAuthorities is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback =
                (_, certificate, chain, errors) => Validate(certificate, chain, errors, extraAuthorities);
        }

        return handler;
    }

    /// <summary>Reads a PEM bundle of extra certificate authorities.</summary>
    internal static X509Certificate2Collection LoadAuthorities(string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new PrometheusConfigurationException($"the CA file {path} (prometheus.caFile) can't be read: {ex.Message}", ex);
        }

        if (authorities.Count == 0)
        {
            throw new PrometheusConfigurationException($"the CA file {path} (prometheus.caFile) holds no PEM certificate");
        }

        return authorities;
    }

    /// <summary>
    /// Accepts what the system trusts, and otherwise a chain that ends at one of the extra authorities. The host name
    /// must match either way: a custom root is no reason to accept someone else's certificate.
    /// </summary>
    internal static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);

        // Internal authorities rarely publish revocation lists the verifier could reach.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
