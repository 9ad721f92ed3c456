namespace DeployVerifier.Checklists;

/// <summary>
/// Who is told of the verification while it runs (<c>notify</c>). Every target is optional; a failing notification is
/// reported and never changes the verdict or the exit code.
/// </summary>
public sealed record NotifySettings
{
    public static NotifySettings None { get; } = new();

    /// <summary>Alerts posted to Alertmanager's v2 API; default none.</summary>
    public AlertmanagerTarget? Alertmanager { get; init; }

    /// <summary>A Slack incoming webhook (Block Kit); default none.</summary>
    public ChatTarget? Slack { get; init; }

    /// <summary>A Microsoft Teams Workflows webhook (an Adaptive Card in a message envelope); default none.</summary>
    public ChatTarget? Teams { get; init; }

    /// <summary>Atlassian Statuspage, on a failed verdict only; default none.</summary>
    public StatuspageTarget? Statuspage { get; init; }

    /// <summary>A generic status webhook with a JSON body; default none.</summary>
    public StatusWebhookTarget? Webhook { get; init; }

    /// <summary>
    /// <c>flushTimeout</c>: how long the notices still queued are sent after the rollback's outcome is queued; default
    /// 20 seconds (when the run was cancelled, 5 seconds or this if shorter).
    /// </summary>
    public TimeSpan FlushTimeout { get; init; } = ChecklistDefaults.NotifyFlushTimeout;

    /// <summary>The flush's bound for a run that was <paramref name="cancelled"/> or not.</summary>
    public TimeSpan FlushTimeoutFor(bool cancelled) =>
        cancelled && FlushTimeout > ChecklistDefaults.NotifyCancelledFlushTimeout ? ChecklistDefaults.NotifyCancelledFlushTimeout : FlushTimeout;

    public bool IsConfigured => Alertmanager is not null || Slack is not null || Teams is not null || Statuspage is not null || Webhook is not null;

    /// <summary>The names of the environment variables that hold secrets (webhook URLs, tokens, credentials).</summary>
    public IEnumerable<string> SecretVariables()
    {
        if (Alertmanager is { } am)
        {
            foreach (var name in am.HeadersFromEnv.Values)
            {
                yield return name;
            }

            if (am.BearerTokenEnv is { } bearer)
            {
                yield return bearer;
            }

            if (am.BasicAuth is { } basic)
            {
                yield return basic.UsernameEnv;
                yield return basic.PasswordEnv;
            }
        }

        foreach (var chat in new[] { Slack, Teams }.OfType<ChatTarget>())
        {
            yield return chat.UrlEnv;
        }

        if (Statuspage is { } page)
        {
            yield return page.TokenEnv;
        }

        if (Webhook is { } hook)
        {
            yield return hook.UrlEnv;
            foreach (var name in hook.HeadersFromEnv.Values)
            {
                yield return name;
            }
        }
    }
}

/// <summary>
/// Alertmanager: one alert per failing (or early-warning) check, posted to every address (a cluster), re-posted at each
/// evaluation with <c>endsAt</c> a few intervals ahead, resolved when the check recovers, the release passes or the
/// rollback succeeded. Auth as for Prometheus.
/// </summary>
/// <param name="Urls">The Alertmanager base addresses, e.g. <c>http://alertmanager:9093</c>.</param>
/// <param name="Events">Which of <c>earlyWarning</c> and <c>verdict</c> raise alerts; default both.</param>
/// <param name="Headers">Literal headers.</param>
/// <param name="HeadersFromEnv">Headers whose values come from the named environment variables.</param>
/// <param name="BearerTokenEnv">The environment variable holding a bearer token.</param>
/// <param name="BasicAuth">Basic authentication from environment variables.</param>
/// <param name="Labels">Extra labels on every alert (e.g. <c>team</c>); default none.</param>
/// <param name="KeepFailedFor">How long the alert of a failed release that was not rolled back stays firing; default 1 hour.</param>
/// <param name="Timeout">Per-request timeout; default 10 seconds.</param>
public sealed record AlertmanagerTarget(
    IReadOnlyList<Uri> Urls,
    IReadOnlySet<NotifyEvent> Events,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> HeadersFromEnv,
    string? BearerTokenEnv,
    BasicAuthSettings? BasicAuth,
    IReadOnlyDictionary<string, string> Labels,
    TimeSpan KeepFailedFor,
    TimeSpan Timeout)
{
    /// <summary>
    /// <c>minFiring</c>: how long an alert stays firing at least, from its first post, however soon it is resolved
    /// (Alertmanager's default <c>group_wait</c> is 30 s); default 5 minutes.
    /// </summary>
    public TimeSpan MinFiring { get; init; } = ChecklistDefaults.AlertMinFiring;

    /// <summary><c>severities</c>: the <c>severity</c> label of each kind of alert, as the team's routes expect it.</summary>
    public AlertSeverities Severities { get; init; } = AlertSeverities.Default;

    /// <summary>The headers and credentials every post carries.</summary>
    public HttpAuthSettings Auth => new(Headers, HeadersFromEnv, BearerTokenEnv, BasicAuth);
}

/// <summary>
/// The <c>severity</c> label an alert carries, by what it tells of (<c>notify.alertmanager.severities</c>).
/// </summary>
/// <param name="Fail">A blocking check's failure; default <c>critical</c>.</param>
/// <param name="Warn">A failure of a check of severity <c>warn</c> (it never blocks); default <c>warning</c>.</param>
/// <param name="EarlyWarning">An early warning, before any verdict; default <c>warning</c>.</param>
/// <param name="DryRun">Anything of a <c>--dry-run</c>, which must not page; default <c>info</c>.</param>
public sealed record AlertSeverities(string Fail, string Warn, string EarlyWarning, string DryRun)
{
    public static AlertSeverities Default { get; } = new("critical", "warning", "warning", "info");
}

/// <summary>A chat webhook (Slack or Teams) whose URL, a secret, is read from an environment variable.</summary>
/// <param name="UrlEnv">The environment variable holding the webhook URL.</param>
/// <param name="Events">What it is told of; default <c>earlyWarning</c>, <c>verdict</c> and <c>rollback</c>.</param>
/// <param name="Timeout">Per-request timeout; default 10 seconds.</param>
public sealed record ChatTarget(string UrlEnv, IReadOnlySet<NotifyEvent> Events, TimeSpan Timeout);

/// <summary>
/// Atlassian Statuspage: on a failed verdict only, the component is set to <see cref="ComponentStatus"/> and an incident
/// opened; both are resolved when the rollback succeeded. Never touched with <c>--dry-run</c>.
/// </summary>
/// <param name="ApiUrl">The API's base; default <c>https://api.statuspage.io/v1/</c>.</param>
/// <param name="PageId">The page's id.</param>
/// <param name="ComponentId">The component's id.</param>
/// <param name="TokenEnv">The environment variable holding the API key.</param>
/// <param name="ComponentStatus"><c>degraded_performance</c> or <c>partial_outage</c> (default) or <c>major_outage</c>.</param>
/// <param name="Timeout">Per-request timeout; default 10 seconds.</param>
public sealed record StatuspageTarget(Uri ApiUrl, string PageId, string ComponentId, string TokenEnv, string ComponentStatus, TimeSpan Timeout);

/// <summary>A generic status webhook: a JSON body per event, for status pages other than Statuspage.</summary>
/// <param name="UrlEnv">The environment variable holding the URL.</param>
/// <param name="HeadersFromEnv">Headers whose values come from the named environment variables.</param>
/// <param name="Events">What it is told of; default <c>verdict</c> and <c>rollback</c>.</param>
/// <param name="Timeout">Per-request timeout; default 10 seconds.</param>
public sealed record StatusWebhookTarget(string UrlEnv, IReadOnlyDictionary<string, string> HeadersFromEnv, IReadOnlySet<NotifyEvent> Events, TimeSpan Timeout);
