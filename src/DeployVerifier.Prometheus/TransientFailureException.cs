namespace DeployVerifier.Prometheus;

/// <summary>
/// One attempt failed in a way a retry may cure. It never leaves the client: once retries run out it becomes a
/// <see cref="Metrics.MetricStoreUnavailableException"/> carrying its message.
/// </summary>
internal sealed class TransientFailureException : Exception
{
    public TransientFailureException(string message, bool gotAnswer, TimeSpan? retryAfter = null, Exception? inner = null, bool unavailable = true)
        : base(message, inner)
    {
        GotAnswer = gotAnswer;
        RetryAfter = retryAfter;
        Unavailable = unavailable;
    }

    /// <summary>
    /// The store could not answer (no connection, a 408, 429 or 5xx, a timeout): worth waiting for within the run's
    /// patience. False for an answer that came but could not be read, which is retried a few times only.
    /// </summary>
    public bool Unavailable { get; }

    /// <summary>Whether the server answered at all; it tells "not ready" from "not reachable".</summary>
    public bool GotAnswer { get; }

    /// <summary>The wait the server asked for with <c>Retry-After</c>, if it did.</summary>
    public TimeSpan? RetryAfter { get; }
}
