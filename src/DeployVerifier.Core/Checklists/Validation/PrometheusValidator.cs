using DeployVerifier.Checklists.Document;

namespace DeployVerifier.Checklists.Validation;

/// <summary>The <c>prometheus</c> section: the address, auth, the timeout and the patience.</summary>
internal sealed class PrometheusValidator(ScalarReader read)
{
    public PrometheusSettings Validate(PrometheusDocument p)
    {
        BasicAuthSettings? basicAuth = null;
        if (p.BasicAuth is { } auth)
        {
            var user = read.EnvName(auth.UsernameEnv, "prometheus.basicAuth.usernameEnv");
            var password = read.EnvName(auth.PasswordEnv, "prometheus.basicAuth.passwordEnv");
            if (auth.UsernameEnv is null || auth.PasswordEnv is null)
            {
                read.Error("prometheus.basicAuth: needs both usernameEnv and passwordEnv", auth.Location);
            }

            basicAuth = user is not null && password is not null ? new BasicAuthSettings(user, password) : null;
        }

        var bearer = read.EnvName(p.BearerTokenEnv, "prometheus.bearerTokenEnv");
        if (bearer is not null && p.BasicAuth is not null)
        {
            read.Error("prometheus: give bearerTokenEnv or basicAuth, not both", p.BearerTokenEnv!.Location);
        }

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
