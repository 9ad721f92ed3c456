using System.Diagnostics;
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

    private const int PortAttempts = 5;
    private const int LogLines = 40;

    private readonly Process _process;
    private readonly OutputTail _output;
    private readonly DirectoryInfo _directory;

    private AlertmanagerServer(Process process, OutputTail output, DirectoryInfo directory, Uri url, Uri receiverUrl)
    {
        _process = process;
        _output = output;
        _directory = directory;
        Url = url;
        ReceiverUrl = receiverUrl;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Where its webhook receiver sends notifications.</summary>
    public Uri ReceiverUrl { get; }

    /// <summary>Alertmanager's own log so far (its last lines), for diagnosing a failing test.</summary>
    public string Log => _output.Text;

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
            for (var attempt = 1; ; attempt++)
            {
                var server = await TryStartAsync(binary, directory, config, receiverUrl, cancellationToken).ConfigureAwait(false);
                if (server is not null)
                {
                    return server;
                }

                if (attempt == PortAttempts)
                {
                    throw new InvalidOperationException($"Alertmanager found no free port in {PortAttempts} attempts.");
                }
            }
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
        await StopAsync(_process).ConfigureAwait(false);
        _process.Dispose();
        TryDelete(_directory);
    }

    private static async Task<AlertmanagerServer?> TryStartAsync(string binary, DirectoryInfo directory, string config, Uri receiverUrl,
        CancellationToken cancellationToken)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var log = new OutputTail(LogLines);
        var process = LocalServer.Start(
            binary,
            [
                $"--config.file={config}",
                $"--storage.path={Path.Combine(directory.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--cluster.listen-address=",
            ],
            log);
        try
        {
            if (await WaitUntilReadyAsync(process, url, "-/ready", ReadyTimeout, cancellationToken).ConfigureAwait(false))
            {
                return new AlertmanagerServer(process, log, directory, url, receiverUrl);
            }

            await StopAsync(process).ConfigureAwait(false);
            if (log.Text.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                process.Dispose();
                return null;
            }

            throw new InvalidOperationException(
                process.HasExited
                    ? $"Alertmanager exited with {process.ExitCode} before it was ready. Its log:\n{log.Text}"
                    : $"Alertmanager was not ready at {url} within {ReadyTimeout.TotalSeconds:0} s. Its log:\n{log.Text}");
        }
        catch
        {
            await StopAsync(process).ConfigureAwait(false);
            process.Dispose();
            throw;
        }
    }
}
