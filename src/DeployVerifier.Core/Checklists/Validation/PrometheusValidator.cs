using DeployVerifier.Checklists.Document;

namespace DeployVerifier.Checklists.Validation;

/// <summary>The <c>prometheus</c> section: the address, auth, the timeout and the patience.</summary>
internal sealed class PrometheusValidator(ScalarReader read)
{
    public PrometheusSettings Validate(PrometheusDocument p)
    {
        var (bearer, basicAuth) = new CredentialsValidator(read).Validate("prometheus", p.BasicAuth, p.BearerTokenEnv);
        return new PrometheusSettings(
            read.Url(p.Url, "prometheus.url", "put them in environment variables (prometheus.basicAuth), not in the address"),
            read.Headers(p.Headers, "prometheus.headers"),
            read.HeadersFromEnv(p.HeadersFromEnv, "prometheus.headersFromEnv"),
            bearer,
            basicAuth,
            read.Duration(p.Timeout, "prometheus.timeout", ChecklistDefaults.RequestTimeout, positive: true,
                ChecklistLimits.MinRequestTimeout, ChecklistLimits.MaxRequestTimeout),
            p.CaFile?.Value)
        {
            Patience = read.Duration(p.Patience, "prometheus.patience", ChecklistDefaults.StorePatience, max: ChecklistLimits.MaxStorePatience),
        };
    }
}
