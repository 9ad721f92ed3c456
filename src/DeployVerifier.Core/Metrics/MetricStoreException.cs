namespace DeployVerifier.Metrics;

/// <summary>A failure to get an answer from the metric store. The message never contains credentials.</summary>
public abstract class MetricStoreException : Exception
{
    protected MetricStoreException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The store could not answer (unreachable, timed out, 5xx, 429) even after retries.</summary>
public sealed class MetricStoreUnavailableException : MetricStoreException
{
    public MetricStoreUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The store refused the query itself (<c>bad_data</c> and other 4xx answers): retrying cannot help.</summary>
public sealed class InvalidQueryException : MetricStoreException
{
    public InvalidQueryException(string query, string errorType, string serverMessage)
        : base($"{errorType}: {serverMessage}")
    {
        Query = query;
        ErrorType = errorType;
        ServerMessage = serverMessage;
    }

    public string Query { get; }

    public string ErrorType { get; }

    public string ServerMessage { get; }
}
