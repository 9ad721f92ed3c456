namespace DeployVerifier.Checklists;

/// <summary>Every default of the checklist, in one place; the README and the JSON Schema repeat these values.</summary>
public static class ChecklistDefaults
{
    /// <summary><c>prometheus.timeout</c>: 30 seconds per request.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>prometheus.patience</c>: 2 minutes without an answer from the store before the run gives up on it. In a replay
    /// the data is not going anywhere, and live the next evaluation fetches what a failed one missed.
    /// </summary>
    public static readonly TimeSpan StorePatience = TimeSpan.FromMinutes(2);

    /// <summary><c>soak.duration</c>: 30 minutes.</summary>
    public static readonly TimeSpan SoakDuration = TimeSpan.FromMinutes(30);

    /// <summary><c>soak.interval</c>: 30 seconds between evaluations.</summary>
    public static readonly TimeSpan SoakInterval = TimeSpan.FromSeconds(30);

    /// <summary><c>soak.warmUp</c>: 1 minute after the deploy before the first evaluation.</summary>
    public static readonly TimeSpan SoakWarmUp = TimeSpan.FromMinutes(1);

    /// <summary><c>soak.ingestionLag</c>: 30 seconds, so late scrapes are in before a live tick is queried.</summary>
    public static readonly TimeSpan IngestionLag = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>release.waitFor</c>: 2 minutes, how long a live run waits for release data scraped after it began (kube-state-metrics
    /// is scraped every 30 to 60 s) and, with <c>--deployed-at</c>, for the release to start.
    /// </summary>
    public static readonly TimeSpan ReleaseWaitFor = TimeSpan.FromMinutes(2);

    /// <summary>
    /// <c>release.lookback</c>: 5 minutes, Prometheus's default lookback (<c>--query.lookback-delta</c>): how far back an
    /// instant in a range query sees a sample. Release discovery never steps further than this, so no release is stepped over.
    /// </summary>
    public static readonly TimeSpan ReleaseLookback = TimeSpan.FromMinutes(5);

    /// <summary><c>soak.extension</c>: zero, no extension.</summary>
    public static readonly TimeSpan SoakExtension = TimeSpan.Zero;

    /// <summary><c>soak.maxConsecutiveErrors</c>: 3 evaluations in a row without an answer make the verdict inconclusive.</summary>
    public const int MaxConsecutiveErrors = 3;

    /// <summary><c>checks[].tolerance</c>: 0 consecutive failing evaluations are tolerated (the first failure fails).</summary>
    public const int Tolerance = 0;

    /// <summary><c>checks[].budget.maxFailingShare</c>: a threshold check fails once more than 50 % of its judged evaluations have failed.</summary>
    public const double BudgetMaxFailingShare = 0.5;

    /// <summary><c>checks[].budget.minEvaluations</c>: the budget applies once 10 evaluations are judged.</summary>
    public const int BudgetMinEvaluations = 10;

    /// <summary><c>checks[].evidence.minSamples</c>: 1 evaluation with data is enough to judge.</summary>
    public const int MinSamples = 1;

    /// <summary><c>checks[].baseline.window</c>: the hour before the deploy.</summary>
    public static readonly TimeSpan BaselineWindow = TimeSpan.FromHours(1);

    /// <summary><c>checks[].trend.horizon</c>: fail when the limit would be reached within 24 hours.</summary>
    public static readonly TimeSpan TrendHorizon = TimeSpan.FromHours(24);

    /// <summary><c>checks[].trend.window</c>: each series is weighed over at most the last 30 minutes (plus the floor window).</summary>
    public static readonly TimeSpan TrendWindow = TimeSpan.FromMinutes(30);

    /// <summary><c>checks[].trend.floorWindow</c>: 5 minutes, longer than one garbage-collection cycle.</summary>
    public static readonly TimeSpan TrendFloorWindow = TimeSpan.FromMinutes(5);

    /// <summary><c>checks[].trend.resolution</c>: 15 seconds between the samples the trend is fitted to.</summary>
    public static readonly TimeSpan TrendResolution = TimeSpan.FromSeconds(15);

    /// <summary><c>checks[].redundancy.spare</c>: the fleet must be able to lose its 1 busiest instance.</summary>
    public const int RedundancySpare = 1;

    /// <summary><c>checks[].redundancy.maxUtilization</c>: a survivor may need at most 90 % of its capacity.</summary>
    public const double RedundancyMaxUtilization = 0.9;

    /// <summary><c>checks[].redundancy.warmUp</c>: the number of instances must have been stable for 3 minutes.</summary>
    public static readonly TimeSpan RedundancyWarmUp = TimeSpan.FromMinutes(3);

    /// <summary><c>rollback.command.timeout</c>: 5 minutes.</summary>
    public static readonly TimeSpan RollbackCommandTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The environment variables a rollback command gets whatever <c>rollback.command.passEnv</c> says: PATH, HOME,
    /// LANG, TMPDIR and KUBECONFIG (when set). Every other variable (tokens included) is dropped unless passEnv names it.
    /// </summary>
    public static readonly IReadOnlyList<string> RollbackCommandEnvironment = ["PATH", "HOME", "LANG", "TMPDIR", "KUBECONFIG"];

    /// <summary><c>rollback.webhook.timeout</c>: 30 seconds.</summary>
    public static readonly TimeSpan WebhookTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the Kubernetes rollback's requests may take together.</summary>
    public static readonly TimeSpan KubernetesRollbackTimeout = TimeSpan.FromSeconds(30);

    /// <summary><c>notify.*.timeout</c>: 10 seconds per request; a failed request is retried twice, 1 s and 2 s later.</summary>
    public static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(10);

    /// <summary><c>notify.alertmanager.keepFailedFor</c>: the alert of a failed release that was not rolled back stays firing 1 hour.</summary>
    public static readonly TimeSpan AlertKeepFailedFor = TimeSpan.FromHours(1);

    /// <summary>
    /// <c>notify.alertmanager.minFiring</c>: an alert stays firing 5 minutes at least from its first post, so a failure
    /// rolled back in a second (a replay) is still routed to a receiver (Alertmanager's default <c>group_wait</c> is 30 s).
    /// </summary>
    public static readonly TimeSpan AlertMinFiring = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>notify.flushTimeout</c>: after the rollback's outcome is queued, the notices still queued are sent for at most
    /// 20 seconds (at most 5 seconds, or this if shorter, when the run was cancelled); what is left is listed as not sent.
    /// </summary>
    public static readonly TimeSpan NotifyFlushTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long the notices are flushed at most when the run was cancelled (a runner's grace period is short): 5 seconds.</summary>
    public static readonly TimeSpan NotifyCancelledFlushTimeout = TimeSpan.FromSeconds(5);

    /// <summary><c>notify.statuspage.url</c>: Atlassian's API.</summary>
    public static readonly Uri StatuspageApi = new("https://api.statuspage.io/v1/");

    /// <summary><c>notify.statuspage.componentStatus</c>: partial_outage.</summary>
    public const string StatuspageComponentStatus = "partial_outage";

    /// <summary><c>notify.slack.events</c> and <c>notify.teams.events</c>: the early warning, the verdict and the rollback.</summary>
    public static readonly IReadOnlySet<NotifyEvent> ChatEvents = new HashSet<NotifyEvent> { NotifyEvent.EarlyWarning, NotifyEvent.Verdict, NotifyEvent.Rollback };

    /// <summary><c>notify.alertmanager.events</c>: the early warning and the verdict raise alerts.</summary>
    public static readonly IReadOnlySet<NotifyEvent> AlertEvents = new HashSet<NotifyEvent> { NotifyEvent.EarlyWarning, NotifyEvent.Verdict };

    /// <summary><c>notify.webhook.events</c>: the verdict and the rollback.</summary>
    public static readonly IReadOnlySet<NotifyEvent> StatusWebhookEvents = new HashSet<NotifyEvent> { NotifyEvent.Verdict, NotifyEvent.Rollback };
}
