namespace DeployVerifier.Prometheus;

/// <summary>
/// How hard the client tries before it reports the store unavailable. Only transient failures are retried:
/// connection errors, per-attempt timeouts, 408, 429 and 5xx answers.
/// </summary>
internal sealed record PrometheusRetryOptions
{
    /// <summary>Attempts in total, the first one included. The default value is 4; 1 turns retries off.</summary>
    public int MaxAttempts { get; init; } = 4;

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
