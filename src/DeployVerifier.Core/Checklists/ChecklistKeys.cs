namespace DeployVerifier.Checklists;

/// <summary>
/// Every key the loader knows, by section. The JSON Schema is tested against this table, so the two can't drift.
/// Free-form mappings (<c>vars</c>, <c>headers</c>, <c>headersFromEnv</c>, <c>body</c>, <c>inputs</c>,
/// <c>templateParameters</c>, <c>labels</c>) have no entry.
/// </summary>
internal static class ChecklistKeys
{
    public static readonly IReadOnlyList<string> Root = ["prometheus", "release", "soak", "vars", "checks", "rollback", "notify"];
    public static readonly IReadOnlyList<string> Prometheus = ["url", "headers", "headersFromEnv", "bearerTokenEnv", "basicAuth", "timeout", "patience", "caFile"];
    public static readonly IReadOnlyList<string> BasicAuth = ["usernameEnv", "passwordEnv"];
    public static readonly IReadOnlyList<string> Release = ["releases", "label", "instances", "instanceLabel", "matchOn", "freshness", "waitFor", "lookback"];
    public static readonly IReadOnlyList<string> Soak = ["duration", "interval", "warmUp", "ingestionLag", "maxConsecutiveErrors", "extension"];

    public static readonly IReadOnlyList<string> Check =
    [
        "name", "query", "type", "min", "max", "unit", "tolerance", "budget", "failureLimit", "noData", "perSeries", "releaseSeriesOnly", "warmUp",
        "minSeriesAge", "evidence", "baseline", "trend", "severity", "redundancy", "matchOn", "runbook", "dashboard",
    ];

    public static readonly IReadOnlyList<string> Budget = ["maxFailingShare", "minEvaluations"];
    public static readonly IReadOnlyList<string> Evidence = ["minSamples", "query", "min"];
    public static readonly IReadOnlyList<string> Baseline = ["window", "maxFactor", "maxIncrease"];
    public static readonly IReadOnlyList<string> Trend = ["limit", "limitQuery", "horizon", "window", "floorWindow", "resolution", "fleet"];
    public static readonly IReadOnlyList<string> TrendFleet = ["growsWithLoad", "downtime"];
    public static readonly IReadOnlyList<string> Redundancy = ["capacity", "capacityQuery", "spare", "maxUtilization", "warmUp"];
    public static readonly IReadOnlyList<string> Rollback = ["command", "webhook", "githubWorkflow", "azurePipeline", "kubernetes"];
    public static readonly IReadOnlyList<string> RollbackCommand = ["program", "args", "timeout", "workingDirectory", "passEnv"];
    public static readonly IReadOnlyList<string> RollbackWebhook = ["url", "method", "headers", "headersFromEnv", "body", "timeout"];
    public static readonly IReadOnlyList<string> RollbackGithubWorkflow = ["workflow", "ref", "inputs", "repository"];
    public static readonly IReadOnlyList<string> RollbackAzurePipeline = ["organizationUrl", "project", "pipelineId", "branch", "templateParameters"];
    public static readonly IReadOnlyList<string> RollbackKubernetes = ["namespace", "deployment", "context", "serverEnv", "tokenEnv", "caFile", "timeout"];

    public static readonly IReadOnlyList<string> Notify = ["alertmanager", "slack", "teams", "statuspage", "webhook", "flushTimeout"];
    public static readonly IReadOnlyList<string> NotifyAlertmanager =
        ["urls", "events", "headers", "headersFromEnv", "bearerTokenEnv", "basicAuth", "labels", "severities", "keepFailedFor", "minFiring", "timeout"];
    public static readonly IReadOnlyList<string> AlertSeverities = ["fail", "warn", "earlyWarning", "dryRun"];
    public static readonly IReadOnlyList<string> NotifyChat = ["urlEnv", "events", "timeout"];
    public static readonly IReadOnlyList<string> NotifyStatuspage = ["url", "pageId", "componentId", "tokenEnv", "componentStatus", "timeout"];
    public static readonly IReadOnlyList<string> NotifyWebhook = ["urlEnv", "headersFromEnv", "events", "timeout"];

    /// <summary>The sections by path: <c>""</c> is the root, <c>checks[]</c> an entry of <c>checks</c>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Sections { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [""] = Root,
        ["prometheus"] = Prometheus,
        ["prometheus.basicAuth"] = BasicAuth,
        ["release"] = Release,
        ["soak"] = Soak,
        ["checks[]"] = Check,
        ["checks[].budget"] = Budget,
        ["checks[].evidence"] = Evidence,
        ["checks[].baseline"] = Baseline,
        ["checks[].trend"] = Trend,
        ["checks[].trend.fleet"] = TrendFleet,
        ["checks[].redundancy"] = Redundancy,
        ["rollback"] = Rollback,
        ["rollback.command"] = RollbackCommand,
        ["rollback.webhook"] = RollbackWebhook,
        ["rollback.githubWorkflow"] = RollbackGithubWorkflow,
        ["rollback.azurePipeline"] = RollbackAzurePipeline,
        ["rollback.kubernetes"] = RollbackKubernetes,
        ["notify"] = Notify,
        ["notify.alertmanager"] = NotifyAlertmanager,
        ["notify.alertmanager.basicAuth"] = BasicAuth,
        ["notify.alertmanager.severities"] = AlertSeverities,
        ["notify.slack"] = NotifyChat,
        ["notify.teams"] = NotifyChat,
        ["notify.statuspage"] = NotifyStatuspage,
        ["notify.webhook"] = NotifyWebhook,
    };
}
