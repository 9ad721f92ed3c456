namespace DeployVerifier.Prometheus;

/// <summary>
/// How hard the client tries before it reports the store unavailable. Only transient failures are retried:
/// connection errors, per-attempt timeouts, 408, 429 and 5xx answers.
/// </summary>
public sealed record PrometheusRetryOptions
{
    /// <summary>
    /// Attempts in total, the first one included: for every failure without <see cref="Patience"/>, and with it for an
    /// answer that could not be read. The default value is 4; 1 turns retries off.
    /// </summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>
    /// How long the store may answer nothing before the client gives up, counted from its last answer and shared by
    /// every request of the run: while within it, a store that can't answer (no connection, 408, 429, 5xx, a timeout)
    /// is retried however many attempts it takes, and once it is spent every request fails at its first failure until
    /// the store answers again. The default value is null: <see cref="MaxAttempts"/> alone decides.
    /// </summary>
    public TimeSpan? Patience { get; init; }

    /// <summary>
    /// What <c>verify</c> and <c>backtest</c> use: the checklist's <c>prometheus.patience</c> (2 minutes by default). In
    /// a replay the data is not going anywhere, and live the next evaluation fetches what a failed one missed; four
    /// quick attempts are not patience.
    /// </summary>
    public static PrometheusRetryOptions Patient(TimeSpan patience) => new() { Patience = patience };

    /// <summary>The delay before the first retry, doubled for each further one. The default value is 1 second.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay. The default value is 10 seconds.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest wait a <c>Retry-After</c> header on a 429 or 503 answer can ask for; a longer request is cut to
    /// this so one busy server can't stall a soak. The default value is 30 seconds.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether to spread the backoff delays randomly so that verifiers started together don't retry in step.
    /// The default value is <see langword="true"/>.
    /// </summary>
    public bool UseJitter { get; init; } = true;
}
