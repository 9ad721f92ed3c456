namespace DeployVerifier.Metrics;

/// <summary>
/// The address leads to no metric store API: a wrong path prefix (the API answers 404), or a redirect to another
/// host. Not an outage to wait out but invalid input; the message names the address, never credentials.
/// </summary>
public sealed class MetricStoreAddressException : MetricStoreException
{
    public MetricStoreAddressException(string message, Exception? inner = null) : base(message, inner) { }
}
