using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Output;
using DeployVerifier.Prometheus;

namespace DeployVerifier.Cli.Commands;

/// <summary>Builds the Prometheus client from the checklist's settings; a setting that can't work is invalid input.</summary>
internal static class StoreConnector
{
    /// <param name="settings">The checklist's <c>prometheus</c> section.</param>
    /// <param name="url">The store's address.</param>
    /// <param name="environment">Where the settings' variables are read.</param>
    /// <param name="time">The clock.</param>
    /// <param name="redact">Hides secrets in what the store says, as it comes in.</param>
    public static (StoreConnection? Connection, IReadOnlyList<ChecklistError> Errors) Connect(PrometheusSettings settings, Uri url,
        IEnvironment environment, TimeProvider time, Func<string, string> redact)
    {
        try
        {
            var client = PrometheusClientFactory.Create(settings, url, environment.Get, time, PrometheusRetryOptions.Patient(settings.Patience));
            return (new StoreConnection(new RedactingMetricStore(client, redact), () => client.RequestCount, client), []);
        }
        catch (PrometheusConfigurationException exception)
        {
            return (null, [new ChecklistError(exception.Message)]);
        }
    }
}
