namespace DeployVerifier.Checklists;

/// <summary>Every default of the checklist, in one place; the README and the JSON Schema repeat these values.</summary>
public static class ChecklistDefaults
{
    /// <summary><c>prometheus.timeout</c>: 30 seconds per request.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary><c>soak.duration</c>: 30 minutes.</summary>
    public static readonly TimeSpan SoakDuration = TimeSpan.FromMinutes(30);

    /// <summary><c>soak.interval</c>: 30 seconds between evaluations.</summary>
    public static readonly TimeSpan SoakInterval = TimeSpan.FromSeconds(30);

    /// <summary><c>soak.warmUp</c>: 1 minute after the deploy before the first evaluation.</summary>
    public static readonly TimeSpan SoakWarmUp = TimeSpan.FromMinutes(1);

    /// <summary><c>soak.ingestionLag</c>: 30 seconds, so late scrapes are in before a live tick is queried.</summary>
    public static readonly TimeSpan IngestionLag = TimeSpan.FromSeconds(30);

    /// <summary><c>soak.maxConsecutiveErrors</c>: 3 evaluations in a row without an answer make the verdict inconclusive.</summary>
    public const int MaxConsecutiveErrors = 3;

    /// <summary><c>checks[].tolerance</c>: 0 consecutive failing evaluations are tolerated (the first failure fails).</summary>
    public const int Tolerance = 0;

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

    /// <summary><c>rollback.command.timeout</c>: 5 minutes.</summary>
    public static readonly TimeSpan RollbackCommandTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The environment variables a rollback command gets whatever <c>rollback.command.passEnv</c> says: PATH, HOME,
    /// LANG, TMPDIR and KUBECONFIG (when set). Every other variable (tokens included) is dropped unless passEnv names it.
    /// </summary>
    public static readonly IReadOnlyList<string> RollbackCommandEnvironment = ["PATH", "HOME", "LANG", "TMPDIR", "KUBECONFIG"];

    /// <summary><c>rollback.webhook.timeout</c>: 30 seconds.</summary>
    public static readonly TimeSpan WebhookTimeout = TimeSpan.FromSeconds(30);
}
