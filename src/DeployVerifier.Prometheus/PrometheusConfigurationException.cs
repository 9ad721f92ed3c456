namespace DeployVerifier.Prometheus;

/// <summary>
/// The <c>prometheus</c> settings can't be turned into a client: an environment variable they name is not set, the
/// CA file can't be read, a header is malformed. The message lists every problem and never contains a secret value.
/// </summary>
public sealed class PrometheusConfigurationException : Exception
{
    public PrometheusConfigurationException()
    {
    }

    public PrometheusConfigurationException(string message) : base(message)
    {
    }

    public PrometheusConfigurationException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
