using System.Globalization;
using System.Text.RegularExpressions;
using DeployVerifier.Checklists.Document;
using DeployVerifier.Quantities;
using DeployVerifier.Queries;
using DeployVerifier.Rollbacks;

namespace DeployVerifier.Checklists;

/// <summary>Turns a <see cref="ChecklistDocument"/> into a <see cref="Checklist"/>, collecting every error on the way.</summary>
internal sealed partial class ChecklistValidator(ICollection<ChecklistError> errors)
{
    private const string DurationHint = "use Prometheus syntax such as 90s, 30m or 1h30m";

    private static readonly string[] SecretHeaders = ["Authorization", "Proxy-Authorization", "Cookie"];

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]*)/[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Repository();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex KubernetesName();

    public Checklist? Validate(ChecklistDocument document)
    {
        var count = errors.Count;
        var prometheus = ValidatePrometheus(document.Prometheus ?? new PrometheusDocument());
        var soak = ValidateSoak(document.Soak ?? new SoakDocument());
        var vars = ValidateVars(document.Vars);
        var checks = ValidateChecks(document, vars);
        var rollback = ValidateRollback(document.Rollback);
        var release = ValidateRelease(document.Release, vars);
        var notify = ValidateNotify(document.Notify);
        if (document.Rollback?.Kubernetes is { } kubernetes && document.Release is null)
        {
            Error("rollback.kubernetes: needs the release section: it undoes only the judged release, and refuses when the Deployment has moved on"
                + " (release.label names the ReplicaSet, e.g. the replicaset label of kube_replicaset_created)", kubernetes.Location);
        }

        if (release is null)
        {
            foreach (var c in document.Checks ?? [])
            {
                RequireReleaseSection(c);
            }
        }

        return errors.Count == count ? new Checklist(prometheus, soak, vars, checks, rollback) { Release = release, Notify = notify } : null;
    }

    private PrometheusSettings ValidatePrometheus(PrometheusDocument p)
    {
        BasicAuthSettings? basicAuth = null;
        if (p.BasicAuth is { } auth)
        {
            var user = EnvName(auth.UsernameEnv, "prometheus.basicAuth.usernameEnv");
            var password = EnvName(auth.PasswordEnv, "prometheus.basicAuth.passwordEnv");
            if (auth.UsernameEnv is null || auth.PasswordEnv is null)
            {
                Error("prometheus.basicAuth: needs both usernameEnv and passwordEnv", auth.Location);
            }

            basicAuth = user is not null && password is not null ? new BasicAuthSettings(user, password) : null;
        }

        var bearer = EnvName(p.BearerTokenEnv, "prometheus.bearerTokenEnv");
        if (bearer is not null && p.BasicAuth is not null)
        {
            Error("prometheus: give bearerTokenEnv or basicAuth, not both", p.BearerTokenEnv!.Location);
        }

        return new PrometheusSettings(
            Url(p.Url, "prometheus.url", "put them in environment variables (prometheus.basicAuth), not in the address"),
            Headers(p.Headers, "prometheus.headers"),
            HeadersFromEnv(p.HeadersFromEnv, "prometheus.headersFromEnv"),
            bearer,
            basicAuth,
            Duration(p.Timeout, "prometheus.timeout", ChecklistDefaults.RequestTimeout, positive: true,
                ChecklistLimits.MinRequestTimeout, ChecklistLimits.MaxRequestTimeout),
            p.CaFile?.Value)
        {
            Patience = Duration(p.Patience, "prometheus.patience", ChecklistDefaults.StorePatience, max: ChecklistLimits.MaxStorePatience),
        };
    }

    /// <summary>${release} and ${releaseInstances} have values only when the checklist says how to find the release.</summary>
    private void RequireReleaseSection(CheckDocument c)
    {
        foreach (var (key, query) in new[]
        {
            ("query", c.Query), ("evidence.query", c.Evidence?.Query), ("trend.limitQuery", c.Trend?.LimitQuery),
            ("redundancy.capacityQuery", c.Redundancy?.CapacityQuery),
        })
        {
            foreach (var name in QueryTemplate.Find(query?.Value ?? "").Select(u => u.Name)
                .Where(n => n is BuiltInVariables.Release or BuiltInVariables.ReleaseInstances).Distinct())
            {
                Error($"{c.Path}.{key}: '${{{name}}}' needs a release section that says how to find the release (release.releases, release.instances)",
                    query!.Location);
            }
        }
    }

    private SoakSettings ValidateSoak(SoakDocument s)
    {
        var duration = Duration(s.Duration, "soak.duration", ChecklistDefaults.SoakDuration, positive: true, max: ChecklistLimits.MaxSoak);
        var interval = Duration(s.Interval, "soak.interval", ChecklistDefaults.SoakInterval, positive: true, ChecklistLimits.MinStep);
        var warmUp = Duration(s.WarmUp, "soak.warmUp", ChecklistDefaults.SoakWarmUp);
        var lag = Duration(s.IngestionLag, "soak.ingestionLag", ChecklistDefaults.IngestionLag);
        var maxErrors = Integer(s.MaxConsecutiveErrors, "soak.maxConsecutiveErrors", ChecklistDefaults.MaxConsecutiveErrors, 1);
        if (interval > duration)
        {
            Error($"soak.interval: {PromDuration.Format(interval)} is longer than soak.duration ({PromDuration.Format(duration)}); "
                + "there would be no evaluation", (s.Interval ?? s.Duration)?.Location);
        }

        if (warmUp >= duration)
        {
            Error($"soak.warmUp: {PromDuration.Format(warmUp)} is not shorter than soak.duration ({PromDuration.Format(duration)}); "
                + "nothing would be evaluated", (s.WarmUp ?? s.Duration)?.Location);
        }

        var extension = Duration(s.Extension, "soak.extension", ChecklistDefaults.SoakExtension, max: ChecklistLimits.MaxSoak);
        return new SoakSettings(duration, interval, warmUp, lag, maxErrors) { Extension = extension };
    }

    private Dictionary<string, string?> ValidateVars(DocumentMapping? vars)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in vars?.Entries ?? [])
        {
            if (!Identifier().IsMatch(key.Value))
            {
                Error($"vars: '{key.Value}' is not a variable name; use letters, digits and _ (not first)", key.Location);
            }
            else if (BuiltInVariables.IsBuiltIn(key.Value))
            {
                Error($"vars: '{key.Value}' is built in and set by the verifier; choose another name", key.Location);
            }
            else if (value is not DocumentScalar scalar)
            {
                Error($"vars.{key.Value}: expected a single value (or ~ for a required variable), found {value.Kind}", value.Location);
            }
            else
            {
                result[key.Value] = scalar.IsNull ? null : scalar.Value;
            }
        }

        return result;
    }

    private List<CheckDefinition> ValidateChecks(ChecklistDocument document, Dictionary<string, string?> vars)
    {
        var checks = new List<CheckDefinition>();
        if (document.Checks is not { Count: > 0 } documents)
        {
            if (document.Checks is not null || !HasErrorAt(document.ChecksLocation))
            {
                Error("checks: a checklist needs at least one check", document.ChecksLocation);
            }

            return checks;
        }

        var names = new Dictionary<string, DocumentScalar>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in documents)
        {
            if (c.Name is { } name && !names.TryAdd(name.Value, name))
            {
                Error($"{c.Path}.name: '{name.Value}' is already the name of the check at line {names[name.Value].Location.Line}; "
                    + "names must be unique", name.Location);
            }

            if (ValidateCheck(c, vars) is { } check)
            {
                checks.Add(check);
            }
        }

        return checks;
    }

    private CheckDefinition? ValidateCheck(CheckDocument c, Dictionary<string, string?> vars)
    {
        var count = errors.Count;
        if (c.Name is null)
        {
            Error($"{c.Path}: name is required", c.Location);
        }
        else if (string.IsNullOrWhiteSpace(c.Name.Value))
        {
            Error($"{c.Path}.name: must not be empty", c.Name.Location);
        }

        if (c.Query is null || string.IsNullOrWhiteSpace(c.Query.Value))
        {
            Error($"{c.Path}: query is required", c.Query?.Location ?? c.Location);
        }

        var kind = Choice(c.Type, $"{c.Path}.type", CheckKind.Threshold, ("threshold", CheckKind.Threshold), ("trend", CheckKind.Trend),
            ("redundancy", CheckKind.Redundancy));
        var severity = Choice(c.Severity, $"{c.Path}.severity", CheckSeverity.Fail, ("fail", CheckSeverity.Fail), ("warn", CheckSeverity.Warn));
        var noData = Choice(c.NoData, $"{c.Path}.noData", NoDataPolicy.Inconclusive,
            ("inconclusive", NoDataPolicy.Inconclusive), ("fail", NoDataPolicy.Fail), ("pass", NoDataPolicy.Pass));
        var explicitUnit = c.Unit is null
            ? (QuantityUnit?)null
            : Choice(c.Unit, $"{c.Path}.unit", QuantityUnit.Number,
                ("number", QuantityUnit.Number), ("ratio", QuantityUnit.Ratio), ("bytes", QuantityUnit.Bytes), ("seconds", QuantityUnit.Seconds));

        var min = QuantityValue(c.Min, $"{c.Path}.min");
        var max = QuantityValue(c.Max, $"{c.Path}.max");
        if (min is { } low && max is { } high && low.Value > high.Value)
        {
            Error($"{c.Path}.min: {c.Min!.Value} is greater than max ({c.Max!.Value})", c.Min.Location);
        }

        if (kind == CheckKind.Threshold && c.Min is null && c.Max is null)
        {
            Error($"{c.Path}: a threshold check needs min, max or both", c.Location);
        }

        if (kind == CheckKind.Trend && (c.Min ?? c.Max) is { } bound)
        {
            Error($"{c.Path}: min and max are not used by a trend check; give trend.limit or trend.limitQuery", bound.Location);
        }

        if (kind == CheckKind.Redundancy && (c.Min ?? c.Max) is { } redundancyBound)
        {
            Error($"{c.Path}: min and max are not used by a redundancy check; give redundancy.maxUtilization", redundancyBound.Location);
        }

        var tolerance = Integer(c.Tolerance, $"{c.Path}.tolerance", ChecklistDefaults.Tolerance, 0);
        var budget = ValidateBudget(c.Budget, $"{c.Path}.budget", kind);
        int? failureLimit = c.FailureLimit is null ? null : Integer(c.FailureLimit, $"{c.Path}.failureLimit", 0, 0);
        var perSeries = Boolean(c.PerSeries, $"{c.Path}.perSeries", false);
        var releaseSeriesOnly = Boolean(c.ReleaseSeriesOnly, $"{c.Path}.releaseSeriesOnly", perSeries || kind == CheckKind.Redundancy);
        var warmUp = Duration(c.WarmUp, $"{c.Path}.warmUp", TimeSpan.Zero);
        var minSeriesAge = Duration(c.MinSeriesAge, $"{c.Path}.minSeriesAge", TimeSpan.Zero);
        var matchOn = LabelList(c.MatchOn, $"{c.Path}.matchOn");
        var evidence = ValidateEvidence(c.Evidence, $"{c.Path}.evidence");
        var (baseline, maxIncrease) = ValidateBaseline(c.Baseline, $"{c.Path}.baseline");
        var (trend, limit) = ValidateTrend(c, kind);
        var runbook = Link(c.Runbook, $"{c.Path}.runbook", vars.Keys);
        var dashboard = Link(c.Dashboard, $"{c.Path}.dashboard", vars.Keys);

        var redundancy = ValidateRedundancy(c, kind, perSeries);
        var unit = kind == CheckKind.Redundancy
            ? QuantityUnit.Ratio
            : ValidateUnits(c.Path, explicitUnit, [(c.Min, min), (c.Max, max), (c.Trend?.Limit, limit), (c.Baseline?.MaxIncrease, maxIncrease)]);
        if (kind == CheckKind.Redundancy && explicitUnit is { } given && given != QuantityUnit.Ratio)
        {
            Error($"{c.Path}.unit: a redundancy check judges utilizations, which are ratios; leave unit out", c.Unit!.Location);
        }

        if (kind == CheckKind.Trend && c.Query is { } trendQuery && QueryTemplate.Find(trendQuery.Value).Any(u => u.Name == BuiltInVariables.SinceDeploy))
        {
            Error($"{c.Path}.query: a trend check fits a history, which ${{sinceDeploy}} (different at every evaluation) can't give; use a plain selector",
                trendQuery.Location);
        }

        foreach (var (key, query) in new[]
        {
            ("evidence.query", c.Evidence?.Query), ("trend.limitQuery", c.Trend?.LimitQuery), ("redundancy.capacityQuery", c.Redundancy?.CapacityQuery),
        })
        {
            if (query is not null && string.IsNullOrWhiteSpace(query.Value))
            {
                Error($"{c.Path}.{key}: must not be empty; give a query or leave the key out", query.Location);
            }
        }

        foreach (var (key, query) in new[]
        {
            ("query", c.Query), ("evidence.query", c.Evidence?.Query), ("trend.limitQuery", c.Trend?.LimitQuery),
            ("redundancy.capacityQuery", c.Redundancy?.CapacityQuery),
        })
        {
            if (query is not null)
            {
                var known = vars.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
                foreach (var error in QueryVariables.CheckUses(query.Value, $"{c.Path}.{key}", query.Location, known, vars.Keys))
                {
                    errors.Add(error);
                }
            }
        }

        if (errors.Count != count)
        {
            return null;
        }

        return new CheckDefinition
        {
            Name = c.Name!.Value,
            Query = c.Query!.Value,
            Kind = kind,
            Threshold = redundancy is { } fleet ? new Threshold(null, fleet.MaxUtilization) : new Threshold(min?.Value, max?.Value),
            Unit = unit,
            Tolerance = tolerance,
            Budget = budget,
            FailureLimit = failureLimit,
            NoData = noData,
            Evidence = evidence,
            PerSeries = perSeries,
            ReleaseSeriesOnly = releaseSeriesOnly,
            WarmUp = warmUp,
            MinSeriesAge = minSeriesAge,
            MatchOn = matchOn,
            Baseline = baseline,
            Trend = trend,
            Severity = severity,
            Redundancy = redundancy,
            Runbook = runbook,
            Dashboard = dashboard,
            Location = c.Location,
        };
    }

    private QuantityUnit ValidateUnits(string path, QuantityUnit? explicitUnit, (DocumentScalar? Scalar, Quantity? Value)[] quantities)
    {
        var withUnit = quantities
            .Where(q => q.Scalar is not null && q.Value is { Unit: not QuantityUnit.Number })
            .Select(q => (q.Scalar!, q.Value!.Value.Unit))
            .ToList();
        var unit = explicitUnit ?? (withUnit.Count > 0 ? withUnit[0].Unit : QuantityUnit.Number);
        var reference = explicitUnit is null && withUnit.Count > 0 ? $"'{withUnit[0].Item1.Value}' is in" : "the check's unit is";
        foreach (var (scalar, other) in withUnit.Where(q => q.Unit != unit))
        {
            Error($"{path}: '{scalar.Value}' is in {Name(other)} but {reference} {Name(unit)}; a check's values have one unit", scalar.Location);
        }

        return unit;
    }

    private static string Name(QuantityUnit unit) => unit.ToString().ToLowerInvariant();

    /// <summary>A threshold or redundancy check has the default budget unless it gives one; a trend check has none unless it gives one.</summary>
    private FailureBudget? ValidateBudget(BudgetDocument? b, string path, CheckKind kind)
    {
        if (b is null)
        {
            return kind != CheckKind.Trend ? FailureBudget.Default : null;
        }

        var share = ChecklistDefaults.BudgetMaxFailingShare;
        if (QuantityValue(b.MaxFailingShare, $"{path}.maxFailingShare") is { } given)
        {
            if (given.Unit is QuantityUnit.Ratio or QuantityUnit.Number && given.Value is >= 0 and <= 1)
            {
                share = given.Value;
            }
            else
            {
                Error($"{path}.maxFailingShare: '{b.MaxFailingShare!.Value}' is not a share; give 0% to 100% (or 0 to 1), e.g. 50%", b.MaxFailingShare.Location);
            }
        }

        var least = Integer(b.MinEvaluations, $"{path}.minEvaluations", ChecklistDefaults.BudgetMinEvaluations, 1);
        return new FailureBudget(share, least);
    }

    private EvidenceSettings ValidateEvidence(EvidenceDocument? e, string path)
    {
        if (e is null)
        {
            return EvidenceSettings.Default;
        }

        var minSamples = Integer(e.MinSamples, $"{path}.minSamples", ChecklistDefaults.MinSamples, 1);
        var min = QuantityValue(e.Min, $"{path}.min");
        if ((e.Query is null) != (e.Min is null))
        {
            Error($"{path}: query and min go together (the least value of the query that is enough to judge)", (e.Query ?? e.Min)!.Location);
        }

        return new EvidenceSettings(minSamples, e.Query?.Value, min?.Value);
    }

    private (BaselineSettings?, Quantity?) ValidateBaseline(BaselineDocument? b, string path)
    {
        if (b is null)
        {
            return (null, null);
        }

        var window = Duration(b.Window, $"{path}.window", ChecklistDefaults.BaselineWindow, positive: true);
        var factor = QuantityValue(b.MaxFactor, $"{path}.maxFactor");
        if (factor is { } f && (f.Unit != QuantityUnit.Number || f.Value <= 0))
        {
            Error($"{path}.maxFactor: '{b.MaxFactor!.Value}' must be a plain number above 0, e.g. 2", b.MaxFactor.Location);
        }

        var increase = QuantityValue(b.MaxIncrease, $"{path}.maxIncrease");
        if (increase is { Value: < 0 })
        {
            Error($"{path}.maxIncrease: '{b.MaxIncrease!.Value}' is negative", b.MaxIncrease.Location);
        }

        if (b.MaxFactor is null && b.MaxIncrease is null)
        {
            Error($"{path}: needs maxFactor, maxIncrease or both", b.Location);
        }

        return (new BaselineSettings(window, factor?.Value, increase?.Value), increase);
    }

    private (TrendSettings?, Quantity?) ValidateTrend(CheckDocument c, CheckKind kind)
    {
        var path = $"{c.Path}.trend";
        if (c.Trend is not { } t)
        {
            if (kind == CheckKind.Trend)
            {
                Error($"{c.Path}: a trend check needs trend.limit or trend.limitQuery", c.Type?.Location ?? c.Location);
            }

            return (null, null);
        }

        if (kind != CheckKind.Trend)
        {
            Error($"{path}: trend settings need 'type: trend'", t.Location);
        }

        var limit = QuantityValue(t.Limit, $"{path}.limit");
        if (t.Limit is null && t.LimitQuery is null)
        {
            Error($"{path}: needs limit or limitQuery", t.Location);
        }
        else if (t.Limit is not null && t.LimitQuery is not null)
        {
            Error($"{path}: give limit or limitQuery, not both", t.LimitQuery.Location);
        }

        var window = Duration(t.Window, $"{path}.window", ChecklistDefaults.TrendWindow, positive: true);
        var resolution = Duration(t.Resolution, $"{path}.resolution", ChecklistDefaults.TrendResolution, positive: true, ChecklistLimits.MinStep);
        if (resolution >= window)
        {
            Error($"{path}.resolution: {PromDuration.Format(resolution)} is not shorter than trend.window ({PromDuration.Format(window)})",
                (t.Resolution ?? t.Window)?.Location ?? t.Location);
        }

        var settings = new TrendSettings(
            limit?.Value,
            t.LimitQuery?.Value,
            Duration(t.Horizon, $"{path}.horizon", ChecklistDefaults.TrendHorizon, positive: true),
            window,
            Duration(t.FloorWindow, $"{path}.floorWindow", ChecklistDefaults.TrendFloorWindow, positive: true),
            resolution);
        if (t.Fleet is { } f)
        {
            var growsWithLoad = f.GrowsWithLoad is null ? (bool?)null : Boolean(f.GrowsWithLoad, $"{path}.fleet.growsWithLoad", fallback: false);
            settings = settings with
            {
                Fleet = new FleetForecastSettings(growsWithLoad, f.Downtime is null ? null : Duration(f.Downtime, $"{path}.fleet.downtime", TimeSpan.Zero)),
            };
        }

        return (settings, limit);
    }

    /// <summary>A redundancy check judges the fleet as a whole, from one load series per instance and each one's capacity.</summary>
    private RedundancySettings? ValidateRedundancy(CheckDocument c, CheckKind kind, bool perSeries)
    {
        var path = $"{c.Path}.redundancy";
        if (c.Redundancy is not { } r)
        {
            if (kind == CheckKind.Redundancy)
            {
                Error($"{c.Path}: a redundancy check needs redundancy.capacity or redundancy.capacityQuery", c.Type?.Location ?? c.Location);
            }

            return null;
        }

        if (kind != CheckKind.Redundancy)
        {
            Error($"{path}: redundancy settings need 'type: redundancy'", r.Location);
            return null;
        }

        if (perSeries)
        {
            Error($"{c.Path}.perSeries: a redundancy check judges the whole fleet at once; leave perSeries out", c.PerSeries!.Location);
        }

        if (c.Baseline is { } baseline)
        {
            Error($"{c.Path}.baseline: a redundancy check has no baseline", baseline.Location);
        }

        if (c.Evidence?.Query is { } evidence)
        {
            Error($"{c.Path}.evidence.query: a redundancy check takes no evidence query", evidence.Location);
        }

        var capacity = QuantityValue(r.Capacity, $"{path}.capacity");
        if (capacity is { Value: <= 0 })
        {
            Error($"{path}.capacity: '{r.Capacity!.Value}' must be above 0", r.Capacity.Location);
        }

        if (r.Capacity is null && r.CapacityQuery is null)
        {
            Error($"{path}: needs capacity or capacityQuery", r.Location);
        }
        else if (r.Capacity is not null && r.CapacityQuery is not null)
        {
            Error($"{path}: give capacity or capacityQuery, not both", r.CapacityQuery.Location);
        }

        var share = ChecklistDefaults.RedundancyMaxUtilization;
        if (QuantityValue(r.MaxUtilization, $"{path}.maxUtilization") is { } given)
        {
            if (given.Unit is QuantityUnit.Ratio or QuantityUnit.Number && given.Value > 0)
            {
                share = given.Value;
            }
            else
            {
                Error($"{path}.maxUtilization: '{r.MaxUtilization!.Value}' is not a utilization; give a share above 0, e.g. 90%", r.MaxUtilization.Location);
            }
        }

        return new RedundancySettings(
            capacity?.Value,
            r.CapacityQuery?.Value,
            Integer(r.Spare, $"{path}.spare", ChecklistDefaults.RedundancySpare, 1),
            share,
            Duration(r.WarmUp, $"{path}.warmUp", ChecklistDefaults.RedundancyWarmUp));
    }

    private RollbackSettings ValidateRollback(RollbackDocument? r)
    {
        if (r is null)
        {
            return RollbackSettings.None;
        }

        RollbackCommand? command = null;
        if (r.Command is { } c)
        {
            if (c.Program is null || string.IsNullOrWhiteSpace(c.Program.Value))
            {
                Error("rollback.command: program is required", c.Program?.Location ?? c.Location);
            }

            command = new RollbackCommand(
                c.Program?.Value ?? string.Empty,
                [.. (c.Args ?? []).Select(a => a.Value)],
                Duration(c.Timeout, "rollback.command.timeout", ChecklistDefaults.RollbackCommandTimeout, positive: true),
                c.WorkingDirectory?.Value)
            {
                PassEnv = [.. (c.PassEnv ?? []).Select((name, i) => EnvName(name, $"rollback.command.passEnv[{i}]")).OfType<string>()],
            };
        }

        RollbackWebhook? webhook = null;
        if (r.Webhook is { } w)
        {
            var url = Url(w.Url, "rollback.webhook.url", "put them in headersFromEnv (e.g. Authorization: ROLLBACK_AUTH), not in the address");
            if (w.Url is null)
            {
                Error("rollback.webhook: url is required", w.Location);
            }

            var method = w.Method?.Value.ToUpperInvariant() ?? "POST";
            if (w.Method is not null && !Token().IsMatch(w.Method.Value))
            {
                Error($"rollback.webhook.method: '{w.Method.Value}' is not an HTTP method", w.Method.Location);
            }

            webhook = new RollbackWebhook(
                url ?? new Uri("http://invalid"),
                method,
                Headers(w.Headers, "rollback.webhook.headers"),
                HeadersFromEnv(w.HeadersFromEnv, "rollback.webhook.headersFromEnv"),
                w.Body is null ? null : DocumentJson.ToJson(RollbackPlaceholdersKnown(w.Body, "rollback.webhook.body")!),
                Duration(w.Timeout, "rollback.webhook.timeout", ChecklistDefaults.WebhookTimeout, positive: true));
        }

        return new RollbackSettings(command, webhook)
        {
            GithubWorkflow = r.GithubWorkflow is { } g ? ValidateGithubWorkflow(g) : null,
            AzurePipeline = r.AzurePipeline is { } a ? ValidateAzurePipeline(a) : null,
            Kubernetes = r.Kubernetes is { } k ? ValidateKubernetes(k) : null,
            Locations = new Dictionary<string, SourceLocation?>
            {
                ["command"] = r.Command?.Program?.Location ?? r.Command?.Location,
                ["webhook"] = r.Webhook?.Location,
                ["githubWorkflow"] = r.GithubWorkflow?.Location,
                ["azurePipeline"] = r.AzurePipeline?.Location,
                ["kubernetes"] = r.Kubernetes?.Location,
            }.Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value!.Value),
        };
    }

    private RollbackGithubWorkflow ValidateGithubWorkflow(RollbackGithubWorkflowDocument g)
    {
        const string Path = "rollback.githubWorkflow";
        var workflow = g.Workflow?.Value.Trim() ?? string.Empty;
        if (workflow.Length == 0)
        {
            Error($"{Path}: workflow is required (the file name in .github/workflows, e.g. rollback.yml, or the workflow's id)", g.Workflow?.Location ?? g.Location);
        }
        else if (workflow.Contains('/', StringComparison.Ordinal))
        {
            Error($"{Path}.workflow: '{workflow}' is a path; give the file name only, e.g. {workflow[(workflow.LastIndexOf('/') + 1)..]}", g.Workflow!.Location);
        }

        if (g.Ref is { } reference && string.IsNullOrWhiteSpace(reference.Value))
        {
            Error($"{Path}.ref: must name a branch or tag, e.g. main; leave it out to use the run's GITHUB_REF", reference.Location);
        }

        if (g.Repository is { } repository && !Repository().IsMatch(repository.Value))
        {
            Error($"{Path}.repository: '{repository.Value}' is not owner/name, e.g. octo-org/checkout", repository.Location);
        }

        return new RollbackGithubWorkflow(workflow, g.Ref?.Value.Trim(), ScalarMap(RollbackPlaceholdersKnown(g.Inputs, $"{Path}.inputs"), $"{Path}.inputs"), g.Repository?.Value);
    }

    private RollbackAzurePipeline ValidateAzurePipeline(RollbackAzurePipelineDocument a)
    {
        const string Path = "rollback.azurePipeline";
        var pipelineId = 0;
        if (a.PipelineId is null)
        {
            Error($"{Path}: pipelineId is required (the number in the pipeline's address, definitionId=42)", a.Location);
        }
        else
        {
            pipelineId = Integer(a.PipelineId, $"{Path}.pipelineId", 0, least: 1);
        }

        if (a.Project is { } project && string.IsNullOrWhiteSpace(project.Value))
        {
            Error($"{Path}.project: must name a project; leave it out to use SYSTEM_TEAMPROJECT", project.Location);
        }

        string? branch = null;
        if (a.Branch is { } branchScalar)
        {
            branch = branchScalar.Value.Trim();
            if (branch.Length == 0)
            {
                Error($"{Path}.branch: must name a branch, e.g. refs/heads/main; leave it out for the pipeline's default branch", branchScalar.Location);
            }
            else if (!branch.StartsWith("refs/", StringComparison.Ordinal))
            {
                branch = $"refs/heads/{branch}";
            }
        }

        return new RollbackAzurePipeline(
            Url(a.OrganizationUrl, $"{Path}.organizationUrl", "the token comes from SYSTEM_ACCESSTOKEN, not the address"),
            a.Project?.Value.Trim(),
            pipelineId,
            branch,
            ScalarMap(RollbackPlaceholdersKnown(a.TemplateParameters, $"{Path}.templateParameters"), $"{Path}.templateParameters"));
    }

    private RollbackKubernetes ValidateKubernetes(RollbackKubernetesDocument k)
    {
        const string Path = "rollback.kubernetes";
        string Name(DocumentScalar? scalar, string key, string example)
        {
            var value = scalar?.Value.Trim() ?? string.Empty;
            if (value.Length == 0)
            {
                Error($"{Path}: {key} is required (the Deployment's {key}, e.g. {example})", scalar?.Location ?? k.Location);
            }
            else if (!KubernetesName().IsMatch(value))
            {
                Error($"{Path}.{key}: '{value}' is not a Kubernetes name (lower-case letters, digits, '-' and '.')", scalar!.Location);
            }

            return value;
        }

        var ns = Name(k.Namespace, "namespace", "shop");
        var deployment = Name(k.Deployment, "deployment", "checkout");
        if (k.Context is { } context && string.IsNullOrWhiteSpace(context.Value))
        {
            Error($"{Path}.context: must name a kubeconfig context; leave it out for the current one", context.Location);
        }

        var server = EnvName(k.ServerEnv, $"{Path}.serverEnv");
        var token = EnvName(k.TokenEnv, $"{Path}.tokenEnv");
        if ((k.ServerEnv is null) != (k.TokenEnv is null))
        {
            Error($"{Path}: give serverEnv and tokenEnv together (the API server's address and a bearer token), or neither to use a kubeconfig or the pod's service account",
                (k.ServerEnv ?? k.TokenEnv)!.Location);
        }

        if (k.CaFile is { } caFile && k.ServerEnv is null)
        {
            Error($"{Path}.caFile: only with serverEnv and tokenEnv; a kubeconfig names its own certificate authority", caFile.Location);
        }

        if (k.Context is { } withContext && k.ServerEnv is not null)
        {
            Error($"{Path}.context: a kubeconfig context, not used with serverEnv and tokenEnv; give one or the other", withContext.Location);
        }

        return new RollbackKubernetes(ns, deployment, k.Context?.Value.Trim(), server, token, k.CaFile?.Value,
            Duration(k.Timeout, $"{Path}.timeout", ChecklistDefaults.KubernetesRollbackTimeout, positive: true));
    }

    /// <summary>A free-form mapping whose values must be single values (workflow inputs, template parameters).</summary>
    /// <summary>Reports every <c>${name}</c> in a rollback value that is not a rollback placeholder (a typo would be sent as written).</summary>
    private T? RollbackPlaceholdersKnown<T>(T? node, string path)
        where T : DocumentNode
    {
        switch (node)
        {
            case DocumentScalar scalar:
                foreach (var name in RollbackVariables.Unknown(scalar.Value))
                {
                    Error($"{path}: '${{{name}}}' is not a rollback placeholder ({string.Join(", ", RollbackVariables.Names)})"
                        + NameSuggestion.Hint(name, RollbackVariables.Names), scalar.Location);
                }

                break;
            case DocumentSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    RollbackPlaceholdersKnown(sequence.Items[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"));
                }

                break;
            case DocumentMapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    RollbackPlaceholdersKnown(value, $"{path}.{key.Value}");
                }

                break;
        }

        return node;
    }

    private Dictionary<string, string> ScalarMap(DocumentMapping? mapping, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping?.Entries ?? [])
        {
            if (value is DocumentScalar scalar)
            {
                values[key.Value] = scalar.IsNull ? string.Empty : scalar.Value;
            }
            else
            {
                Error($"{path}.{key.Value}: expected a single value, found {value.Kind}", value.Location);
            }
        }

        return values;
    }

    private Dictionary<string, string> Headers(DocumentMapping? mapping, string path)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in HeaderEntries(mapping, path))
        {
            if (SecretHeaders.Contains(name.Value, StringComparer.OrdinalIgnoreCase))
            {
                Error($"{path}.{name.Value}: a secret must not be written in the checklist; put secrets in headersFromEnv "
                    + $"(e.g. {name.Value}: MY_ENV_VAR) and set the variable in CI", name.Location);
            }
            else if (HeaderValue.Problem(value.Value) is { } problem)
            {
                Error($"{path}.{name.Value}: the value {problem}", value.Location);
            }
            else
            {
                headers[name.Value] = value.Value;
            }
        }

        return headers;
    }

    private Dictionary<string, string> HeadersFromEnv(DocumentMapping? mapping, string path)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in HeaderEntries(mapping, path))
        {
            if (EnvName(value, $"{path}.{name.Value}") is { } env)
            {
                headers[name.Value] = env;
            }
        }

        return headers;
    }

    private IEnumerable<(DocumentScalar Name, DocumentScalar Value)> HeaderEntries(DocumentMapping? mapping, string path)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in mapping?.Entries ?? [])
        {
            if (!Token().IsMatch(name.Value))
            {
                Error($"{path}: '{name.Value}' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)", name.Location);
            }
            else if (!seen.Add(name.Value))
            {
                Error($"{path}: header '{name.Value}' is given twice (header names ignore case)", name.Location);
            }
            else if (value is not DocumentScalar scalar || scalar.IsNull)
            {
                Error($"{path}.{name.Value}: expected a single value, found {(value is DocumentScalar ? "nothing" : value.Kind)}", value.Location);
            }
            else
            {
                yield return (name, scalar);
            }
        }
    }

    private string? EnvName(DocumentScalar? scalar, string path)
    {
        if (scalar is null)
        {
            return null;
        }

        if (!Identifier().IsMatch(scalar.Value))
        {
            Error($"{path}: '{scalar.Value}' is not an environment variable name (letters, digits and _); the value itself belongs in the environment",
                scalar.Location);
            return null;
        }

        return scalar.Value;
    }

    /// <summary>A check's runbook or dashboard: an http(s) address whose placeholders are declared variables.</summary>
    private string? Link(DocumentScalar? scalar, string path, IEnumerable<string> declared)
    {
        if (scalar is null || scalar.IsNull)
        {
            return null;
        }

        var before = errors.Count;
        if (CheckLink.Problem(scalar.Value) is { } problem)
        {
            Error($"{path}: {problem}", scalar.Location);
        }

        foreach (var name in CheckLink.Placeholders(scalar.Value).Where(n => !CheckLink.IsKnown(n, declared)).Distinct())
        {
            Error($"{path}: ${{{name}}} is not a variable; declare it in vars{NameSuggestion.Hint(name, declared)}", scalar.Location);
        }

        return errors.Count == before ? scalar.Value : null;
    }

    private Uri? Url(DocumentScalar? scalar, string path, string credentialsHint)
    {
        if (scalar is null)
        {
            return null;
        }

        if (HttpAddress.Parse(scalar.Value, credentialsHint, out var problem) is { } uri)
        {
            return uri;
        }

        Error($"{path}: {problem}", scalar.Location);
        return null;
    }

    private TimeSpan Duration(DocumentScalar? scalar, string path, TimeSpan fallback, bool positive = false, TimeSpan? min = null, TimeSpan? max = null)
    {
        if (scalar is null)
        {
            return fallback;
        }

        if (!PromDuration.TryParse(scalar.Value, out var duration))
        {
            Error($"{path}: '{scalar.Value}' is not a duration; {DurationHint}", scalar.Location);
            return fallback;
        }

        if (positive && duration <= TimeSpan.Zero)
        {
            Error($"{path}: must be longer than zero", scalar.Location);
            return fallback;
        }

        var most = max ?? ChecklistLimits.MaxDuration;
        if (duration > most || (min is { } least && duration < least))
        {
            var range = min is { } low ? $"between {PromDuration.Format(low)} and {PromDuration.Format(most)}" : $"at most {PromDuration.Format(most)}";
            Error($"{path}: {scalar.Value} is out of range; it must be {range}", scalar.Location);
            return fallback;
        }

        return duration;
    }

    private int Integer(DocumentScalar? scalar, string path, int fallback, int least)
    {
        if (scalar is null)
        {
            return fallback;
        }

        if (!int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error($"{path}: '{scalar.Value}' is not a whole number", scalar.Location);
            return fallback;
        }

        if (value < least)
        {
            var what = least == 0 ? "is negative; give 0 or more" : $"must be at least {least}";
            Error($"{path}: {value} {what}", scalar.Location);
            return fallback;
        }

        return value;
    }

    private bool Boolean(DocumentScalar? scalar, string path, bool fallback)
    {
        switch (scalar?.Value)
        {
            case null:
                return fallback;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Error($"{path}: '{scalar.Value}' is not true or false", scalar.Location);
                return fallback;
        }
    }

    private Quantity? QuantityValue(DocumentScalar? scalar, string path)
    {
        if (scalar is null)
        {
            return null;
        }

        if (Quantity.TryParse(scalar.Value, out var quantity))
        {
            return quantity;
        }

        Error($"{path}: '{scalar.Value}' is not a quantity; use a number with one of {Quantity.KnownSuffixes}, or none", scalar.Location);
        return null;
    }

    private T Choice<T>(DocumentScalar? scalar, string path, T fallback, params (string Name, T Value)[] choices)
    {
        if (scalar is null)
        {
            return fallback;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, scalar.Value, StringComparison.Ordinal))
            {
                return value;
            }
        }

        var names = choices.Select(c => c.Name).ToList();
        Error($"{path}: '{scalar.Value}' is not one of {string.Join(", ", names)}{NameSuggestion.Hint(scalar.Value, names)}", scalar.Location);
        return fallback;
    }

    private bool HasErrorAt(SourceLocation location) => errors.Any(e => e.Location == location);

    private void Error(string message, SourceLocation? location) => errors.Add(new ChecklistError(message, location));
}
