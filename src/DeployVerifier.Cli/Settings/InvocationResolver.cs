using System.Globalization;
using System.Text.RegularExpressions;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Options;
using DeployVerifier.Quantities;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Cli.Settings;

/// <summary>
/// Merges flags with the environment. Each setting is read from its flag, then <c>DEPLOY_VERIFIER_*</c>, then the
/// GitHub Actions input variable (<c>INPUT_*</c>, hyphens kept), so the container action needs no <c>args</c>.
/// </summary>
internal static partial class InvocationResolver
{
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();

    public static (Invocation? Invocation, IReadOnlyList<ChecklistError> Errors) Resolve(ICommonOptions options, IEnvironment environment, TimeProvider time)
    {
        var errors = new List<ChecklistError>();
        var verify = options as VerifyOptions;

        var checklist = First(options.Checklist, environment, "DEPLOY_VERIFIER_CHECKLIST", "INPUT_CHECKLIST");
        if (checklist is null)
        {
            errors.Add(new ChecklistError("no checklist given: pass --checklist FILE (or set DEPLOY_VERIFIER_CHECKLIST)"));
        }

        Uri? url = null;
        if (First(options.PrometheusUrl, environment, "PROMETHEUS_URL", "INPUT_PROMETHEUS-URL") is { } urlText)
        {
            url = ParseUrl(urlText, "--prometheus-url", errors);
        }

        // The GitHub API is called after the verdict (statuses, a rollback dispatch): a bad address must stop the run now, not then.
        if (environment.Get("GITHUB_API_URL") is { Length: > 0 } githubApi)
        {
            ParseUrl(githubApi.Trim(), "GITHUB_API_URL", errors);
        }

        DateTimeOffset? deployedAt = null;
        if (First((options as IDeployedAtOption)?.DeployedAt, environment, "DEPLOY_VERIFIER_DEPLOYED_AT", "INPUT_DEPLOYED-AT") is { } deployedText)
        {
            if (ParseDeployedAt(deployedText) is { } parsed)
            {
                deployedAt = parsed;
            }
            else
            {
                errors.Add(new ChecklistError(
                    $"--deployed-at '{deployedText}' is not an RFC 3339 time with a zone; write it like 2024-08-16T13:45:00Z or 2024-08-16T15:45:00+02:00"));
            }
        }

        TimeSpan? soak = null;
        if (First((options as ISoakOption)?.Soak, environment, "DEPLOY_VERIFIER_SOAK", "INPUT_SOAK") is { } soakText)
        {
            if (PromDuration.TryParse(soakText, out var duration) && duration > TimeSpan.Zero)
            {
                soak = duration;
            }
            else
            {
                errors.Add(new ChecklistError($"--soak '{soakText}' is not a duration; use Prometheus syntax such as 30m, 90s or 1h30m"));
            }
        }

        var vars = ParseVars(options.Vars.ToList(), environment, errors);
        var dryRun = Boolean(verify?.DryRun == true, environment, errors, "DEPLOY_VERIFIER_DRY_RUN", "INPUT_DRY-RUN");
        var reportJson = First(verify?.ReportJson, environment, "DEPLOY_VERIFIER_REPORT_JSON", "INPUT_REPORT-JSON");
        var summaryMd = First(verify?.SummaryMd, environment, "DEPLOY_VERIFIER_SUMMARY_MD", "INPUT_SUMMARY-MD");
        var reportHtml = First(verify?.ReportHtml, environment, "DEPLOY_VERIFIER_REPORT_HTML", "INPUT_REPORT-HTML");
        var (inconclusive, deploymentId) = ResolveCi(verify, (options as BacktestOptions)?.Inconclusive, environment, errors);
        var noNotify = Boolean(verify?.NoNotify == true, environment, errors, "DEPLOY_VERIFIER_NO_NOTIFY", "INPUT_NO-NOTIFY");
        var noRollback = Boolean(verify?.NoRollback == true, environment, errors, "DEPLOY_VERIFIER_NO_ROLLBACK", "INPUT_NO-ROLLBACK");
        return errors.Count > 0
            ? (null, errors)
            : (new Invocation(checklist!, url, deployedAt, soak, vars, dryRun, reportJson, summaryMd, reportHtml)
            {
                Inconclusive = inconclusive,
                DeploymentId = deploymentId,
                NoNotify = noNotify,
                NoRollback = noRollback,
            }, errors);
    }

    private static (InconclusivePolicy Inconclusive, long? DeploymentId) ResolveCi(VerifyOptions? verify, string? backtestInconclusive, IEnvironment environment,
        List<ChecklistError> errors)
    {
        var inconclusive = InconclusivePolicy.Fail;
        switch (First(verify?.Inconclusive ?? backtestInconclusive, environment, "DEPLOY_VERIFIER_INCONCLUSIVE", "INPUT_INCONCLUSIVE")?.ToLowerInvariant())
        {
            case null or "fail":
                break;
            case "warn":
                inconclusive = InconclusivePolicy.Warn;
                break;
            case { } other:
                errors.Add(new ChecklistError($"--inconclusive '{other}' is not fail or warn"));
                break;
        }

        long? deploymentId = null;
        if (First(verify?.DeploymentId, environment, "DEPLOY_VERIFIER_DEPLOYMENT_ID", "INPUT_DEPLOYMENT-ID") is { } idText)
        {
            if (long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                deploymentId = id;
            }
            else
            {
                errors.Add(new ChecklistError($"--deployment-id '{idText}' is not a deployment id; give the number GitHub returned when the deployment was created"));
            }
        }

        return (inconclusive, deploymentId);
    }

    internal static DateTimeOffset? ParseDeployedAt(string text) => Rfc3339.Parse(text);

    internal static Uri? ParseUrl(string text, string where, List<ChecklistError> errors)
    {
        if (HttpAddress.Parse(text, "put them in environment variables (prometheus.basicAuth), not in the address", out var problem) is { } uri)
        {
            return uri;
        }

        errors.Add(new ChecklistError($"{where}: {problem}; write it like http://prometheus:9090"));
        return null;
    }

    private static Dictionary<string, string> ParseVars(List<string> flags, IEnvironment environment, List<ChecklistError> errors)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        var fromEnvironment = First(null, environment, "DEPLOY_VERIFIER_VARS", "INPUT_VARS");
        var entries = fromEnvironment?.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).Select(l => (l.Trim(), "the vars input")) ?? [];

        // Flags come last so they overwrite the environment's values.
        foreach (var (entry, where) in entries.Concat(flags.Select(f => (f, "--var"))))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? entry[..equals].Trim() : "";
            if (equals <= 0 || !VariableName().IsMatch(name))
            {
                errors.Add(new ChecklistError($"{where} '{entry}' is not NAME=VALUE; write it like --var namespace=checkout"));
                continue;
            }

            if (entry[(equals + 1)..].Trim().Length == 0)
            {
                errors.Add(new ChecklistError($"{where} '{entry}' gives {name} no value; give one, or leave it out to use the checklist's default"));
                continue;
            }

            vars[name] = entry[(equals + 1)..];
        }

        return vars;
    }

    private static string? First(string? flag, IEnvironment environment, params string[] variables)
    {
        if (!string.IsNullOrWhiteSpace(flag))
        {
            return flag.Trim();
        }

        return variables.Select(environment.Get).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
    }

    /// <summary>
    /// A switch: the flag, else the first variable that is set, which must read true or false (any case; empty is
    /// unset). Anything else is bad input: "yes" read as false would run a rollback the caller meant to skip.
    /// </summary>
    private static bool Boolean(bool flag, IEnvironment environment, List<ChecklistError> errors, params string[] variables)
    {
        if (flag)
        {
            return true;
        }

        foreach (var variable in variables)
        {
            switch (environment.Get(variable)?.Trim())
            {
                case null or "":
                    continue;
                case { } text when text.Equals("true", StringComparison.OrdinalIgnoreCase):
                    return true;
                case { } text when text.Equals("false", StringComparison.OrdinalIgnoreCase):
                    return false;
                case { } text:
                    errors.Add(new ChecklistError($"{variable} '{text}' is not true or false"));
                    return false;
            }
        }

        return false;
    }
}
