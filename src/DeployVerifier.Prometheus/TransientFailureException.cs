namespace DeployVerifier.Prometheus;

/// <summary>
/// One attempt failed in a way a retry may cure. It never leaves the client: once retries run out it becomes a
/// <see cref="Metrics.MetricStoreUnavailableException"/> carrying its message.
/// </summary>
internal sealed class TransientFailureException : Exception
{
    public TransientFailureException(string message, bool gotAnswer, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        GotAnswer = gotAnswer;
        RetryAfter = retryAfter;
    }

    /// <summary>Whether the server answered at all; it tells "not ready" from "not reachable".</summary>
    public bool GotAnswer { get; }

    /// <summary>The wait the server asked for with <c>Retry-After</c>, if it did.</summary>
    public TimeSpan? RetryAfter { get; }
}
