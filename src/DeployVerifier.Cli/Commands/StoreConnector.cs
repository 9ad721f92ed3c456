using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Prometheus;

namespace DeployVerifier.Cli.Commands;

/// <summary>Builds the Prometheus client from the checklist's settings; a setting that can't work is invalid input.</summary>
internal static class StoreConnector
{
    public static (StoreConnection? Connection, IReadOnlyList<ChecklistError> Errors) Connect(PrometheusSettings settings, Uri url,
        IEnvironment environment, TimeProvider time)
    {
        try
        {
            var client = PrometheusClientFactory.Create(settings, url, environment.Get, time);
            return (new StoreConnection(client, () => client.RequestCount, client), []);
        }
        catch (PrometheusConfigurationException exception)
        {
            return (null, [new ChecklistError(exception.Message)]);
        }
    }
}
