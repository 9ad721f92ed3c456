using DeployVerifier.Checklists.Document;

namespace DeployVerifier.Checklists.Validation;

/// <summary>
/// An endpoint's credentials, where <c>prometheus</c> and <c>notify.alertmanager</c> both take them: <c>basicAuth</c>
/// (both variables) or <c>bearerTokenEnv</c>, never both. The one place of that rule in the checklist.
/// </summary>
internal sealed class CredentialsValidator(ScalarReader read)
{
    /// <param name="path">The section, e.g. <c>prometheus</c>.</param>
    /// <param name="basicAuth">Its <c>basicAuth</c> as written.</param>
    /// <param name="bearerTokenEnv">Its <c>bearerTokenEnv</c> as written.</param>
    public (string? BearerTokenEnv, BasicAuthSettings? BasicAuth) Validate(string path, BasicAuthDocument? basicAuth, DocumentScalar? bearerTokenEnv)
    {
        BasicAuthSettings? basic = null;
        if (basicAuth is { } auth)
        {
            var user = read.EnvName(auth.UsernameEnv, $"{path}.basicAuth.usernameEnv");
            var password = read.EnvName(auth.PasswordEnv, $"{path}.basicAuth.passwordEnv");
            if (auth.UsernameEnv is null || auth.PasswordEnv is null)
            {
                read.Error($"{path}.basicAuth: needs both usernameEnv and passwordEnv", auth.Location);
            }

            basic = user is not null && password is not null ? new BasicAuthSettings(user, password) : null;
        }

        var bearer = read.EnvName(bearerTokenEnv, $"{path}.bearerTokenEnv");
        if (bearer is not null && bearerTokenEnv is not null && basicAuth is not null)
        {
            read.Error($"{path}: give bearerTokenEnv or basicAuth, not both", bearerTokenEnv.Location);
        }

        return (bearer, basic);
    }
}
