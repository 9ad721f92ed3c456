using static DeployVerifier.Testing.LocalServer;

namespace DeployVerifier.Testing;

/// <summary>
/// A real Alertmanager on a free loopback port, without cluster gossip, routing every alert at once
/// (<c>group_wait: 1s</c>, <c>group_interval: 1s</c>) to a webhook receiver at <see cref="ReceiverUrl"/>, with resolved
/// alerts sent too. Disposing it stops the process and deletes its data.
/// </summary>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    /// <summary>How long to wait for /-/ready: 30 s.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly LocalServerProcess _server;
    private readonly DirectoryInfo _directory;

    private AlertmanagerServer(LocalServerProcess server, DirectoryInfo directory, Uri receiverUrl)
    {
        _server = server;
        _directory = directory;
        ReceiverUrl = receiverUrl;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url => _server.Url;

    /// <summary>Where its webhook receiver sends notifications.</summary>
    public Uri ReceiverUrl { get; }

    /// <summary>Alertmanager's own log so far (its last lines), for diagnosing a failing test.</summary>
    public string Log => _server.Log;

    /// <summary>The configuration it runs with, for a receiver at <paramref name="receiverUrl"/>.</summary>
    public static string Config(Uri receiverUrl)
    {
        ArgumentNullException.ThrowIfNull(receiverUrl);
        return $$"""
            route: {receiver: hook, group_by: [alertname, check], group_wait: 1s, group_interval: 1s, repeat_interval: 1h}
            receivers:
              - name: hook
                webhook_configs: [{url: "{{receiverUrl}}", send_resolved: true}]
            """;
    }

    /// <summary>Starts a server that sends its notifications to <paramref name="receiverUrl"/>.</summary>
    public static async Task<AlertmanagerServer> StartAsync(Uri receiverUrl, CancellationToken cancellationToken = default)
    {
        var binary = AlertmanagerInstaller.EnsureInstalled();
        var directory = Directory.CreateTempSubdirectory("deploy-verifier-alertmanager-");
        try
        {
            var config = Path.Combine(directory.FullName, "alertmanager.yml");
            await File.WriteAllTextAsync(config, Config(receiverUrl), cancellationToken).ConfigureAwait(false);
            var server = await LocalServerProcess.StartAsync(
                    "Alertmanager",
                    binary,
                    port =>
                    [
                        $"--config.file={config}",
                        $"--storage.path={Path.Combine(directory.FullName, "data")}",
                        $"--web.listen-address=127.0.0.1:{port}",
                        "--cluster.listen-address=",
                    ],
                    ReadyTimeout,
                    cancellationToken)
                .ConfigureAwait(false);
            return new AlertmanagerServer(server, directory, receiverUrl);
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>Stops Alertmanager (with its process tree) and deletes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        TryDelete(_directory);
    }
}
