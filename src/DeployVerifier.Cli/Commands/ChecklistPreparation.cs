using System.Globalization;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Queries;
using DeployVerifier.Quantities;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli.Commands;

/// <summary>Reads the checklist file, validates it, fills its placeholders and applies the flags: every error at once.</summary>
internal static class ChecklistPreparation
{
    /// <param name="invocation">The flags and environment.</param>
    /// <param name="standIn">
    /// A value for required variables that were not given, for <c>validate</c>: a lint checks the queries' shape, and
    /// the value of a label does not change whether Prometheus can parse them. Null (for <c>verify</c>) makes them errors.
    /// </param>
    public static (PreparedChecklist? Prepared, IReadOnlyList<ChecklistError> Errors) Prepare(Invocation invocation, string? standIn = null)
    {
        var path = invocation.ChecklistPath;
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var why = exception is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read ({exception.Message})";
            return (null, [new ChecklistError($"the checklist file '{path}' {why}; pass the path of a YAML checklist with --checklist")]);
        }

        var loaded = ChecklistLoader.Load(yaml, path);
        if (loaded.Checklist is not { } checklist)
        {
            // Every error at once: a mistyped --var is reported beside the file's own errors.
            var declared = loaded.DeclaredVars ?? [];
            var unknown = invocation.Vars.Keys
                .Where(name => loaded.DeclaredVars is not null && !declared.Contains(name) && !BuiltInVariables.IsBuiltIn(name))
                .Select(name => new ChecklistError($"--var {name}: the checklist declares no variable '{name}' in vars{NameSuggestion.Hint(name, declared)}"));
            return (null, [.. loaded.Errors, .. unknown]);
        }

        var errors = new List<ChecklistError>();
        var soak = checklist.Soak with { Duration = invocation.Soak ?? checklist.Soak.Duration };
        if (soak.WarmUp >= soak.Duration)
        {
            errors.Add(new ChecklistError(
                $"the soak ({PromDuration.Format(soak.Duration)}) must be longer than its warm-up ({PromDuration.Format(soak.WarmUp)}); lengthen --soak or shorten soak.warmUp"));
        }

        var builtins = new Dictionary<string, string>
        {
            ["deployedAt"] = invocation.DeployedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["deployedAtUnix"] = invocation.DeployedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["soakDuration"] = PromDuration.Format(soak.Duration),

            // Filled in at each evaluation by the soak (see BuiltInVariables.SinceDeploy).
            [BuiltInVariables.SinceDeploy] = BuiltInVariables.SinceDeployPlaceholder,
        };
        foreach (var trend in checklist.Checks.Where(c => c.Kind == CheckKind.Trend && c.Query.Contains(BuiltInVariables.SinceDeployPlaceholder, StringComparison.Ordinal)))
        {
            errors.Add(new ChecklistError(
                $"check '{trend.Name}': a trend check fits a history, which ${{sinceDeploy}} (different at every evaluation) can't give; use a plain selector",
                trend.Location));
        }
        var given = invocation.Vars;
        if (standIn is not null)
        {
            given = checklist.Vars.Where(v => v.Value is null && !given.ContainsKey(v.Key))
                .Select(v => new KeyValuePair<string, string>(v.Key, standIn))
                .Concat(given)
                .ToDictionary();
        }

        var resolved = QueryVariables.Resolve(checklist.Vars, given, builtins, checklist.Checks);
        errors.AddRange(resolved.Errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var values = resolved.Values;
        var rendered = checklist.Checks.Select(c => new RenderedCheck(
            c,
            QueryTemplate.Render(c.Query, values),
            c.Evidence.Query is { } evidence ? QueryTemplate.Render(evidence, values) : null,
            c.Trend?.LimitQuery is { } limit ? QueryTemplate.Render(limit, values) : null)).ToList();
        return (new PreparedChecklist(checklist, rendered, invocation.PrometheusUrl ?? checklist.Prometheus.Url, soak), errors);
    }
}
