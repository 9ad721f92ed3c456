using System.Diagnostics;
using static DeployVerifier.Testing.LocalServer;

namespace DeployVerifier.Testing;

/// <summary>
/// A real Prometheus on a free loopback port, serving history backfilled from OpenMetrics with promtool. It
/// scrapes nothing; the data lies in the past, so query it with <c>time=</c> or <c>start=</c>/<c>end=</c>.
/// Disposing it stops the process and deletes its data.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>How long to wait for /-/ready: 30 s.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private const int PortAttempts = 5;
    private const int LogLines = 40;

    private readonly Process _process;
    private readonly OutputTail _output;
    private readonly DirectoryInfo _directory;

    private PrometheusServer(Process process, OutputTail output, DirectoryInfo directory, Uri url)
    {
        _process = process;
        _output = output;
        _directory = directory;
        Url = url;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The temporary directory holding the OpenMetrics file and the TSDB.</summary>
    public string DataDirectory => _directory.FullName;

    /// <summary>Prometheus' own log so far (its last lines), for diagnosing a failing test.</summary>
    public string Log => _output.Text;

    /// <summary>Starts a server holding <paramref name="history"/>.</summary>
    public static Task<PrometheusServer> StartAsync(ReleaseHistory history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        return StartCoreAsync(history.WriteOpenMetrics, cancellationToken);
    }

    /// <summary>Starts a server holding the samples of <paramref name="openMetrics"/> (OpenMetrics text with
    /// timestamps, ending in <c># EOF</c>).</summary>
    public static Task<PrometheusServer> StartAsync(string openMetrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openMetrics);
        return StartCoreAsync(path => File.WriteAllText(path, openMetrics), cancellationToken);
    }

    /// <summary>Starts a server holding the samples of the OpenMetrics file at <paramref name="path"/>.</summary>
    public static Task<PrometheusServer> StartFromFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(path);
        return StartCoreAsync(target => File.Copy(source, target), cancellationToken);
    }

    /// <summary>Stops Prometheus (with its process tree) and deletes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process).ConfigureAwait(false);
        _process.Dispose();
        TryDelete(_directory);
    }

    private static async Task<PrometheusServer> StartCoreAsync(Action<string> writeOpenMetrics, CancellationToken cancellationToken)
    {
        var binaries = PrometheusInstaller.EnsureInstalled();
        var directory = Directory.CreateTempSubdirectory("deploy-verifier-prometheus-");
        try
        {
            var openMetrics = Path.Combine(directory.FullName, "metrics.om");
            var tsdb = Path.Combine(directory.FullName, "tsdb");
            var config = Path.Combine(directory.FullName, "prometheus.yml");
            writeOpenMetrics(openMetrics);
            await File.WriteAllTextAsync(config, "# No scrape jobs: this server only serves backfilled history.\n", cancellationToken)
                .ConfigureAwait(false);
            await BackfillAsync(binaries, openMetrics, tsdb, cancellationToken).ConfigureAwait(false);
            File.Delete(openMetrics);

            for (var attempt = 1; ; attempt++)
            {
                var server = await TryStartAsync(binaries, directory, config, tsdb, cancellationToken).ConfigureAwait(false);
                if (server is not null)
                {
                    return server;
                }

                if (attempt == PortAttempts)
                {
                    throw new InvalidOperationException($"Prometheus found no free port in {PortAttempts} attempts.");
                }
            }
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    private static async Task BackfillAsync(PrometheusBinaries binaries, string openMetrics, string tsdb, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(
                binaries.Promtool,
                ["tsdb", "create-blocks-from", "openmetrics", openMetrics, tsdb],
                cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Backfilling failed: {result.Describe("promtool tsdb create-blocks-from openmetrics")}");
        }
    }

    /// <summary>Starts Prometheus and waits until it is ready; null if another process took the port first.</summary>
    private static async Task<PrometheusServer?> TryStartAsync(
        PrometheusBinaries binaries, DirectoryInfo directory, string config, string tsdb, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var log = new OutputTail(LogLines);
        var process = LocalServer.Start(
            binaries.Prometheus,
            [
                $"--config.file={config}",
                $"--storage.tsdb.path={tsdb}",
                "--storage.tsdb.retention.time=100y",
                $"--web.listen-address=127.0.0.1:{port}",
            ],
            log);
        try
        {
            if (await WaitUntilReadyAsync(process, url, "-/ready", ReadyTimeout, cancellationToken).ConfigureAwait(false))
            {
                return new PrometheusServer(process, log, directory, url);
            }

            await StopAsync(process).ConfigureAwait(false);
            if (log.Text.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                process.Dispose();
                return null;
            }

            throw new InvalidOperationException(
                process.HasExited
                    ? $"Prometheus exited with {process.ExitCode} before it was ready. Its log:\n{log.Text}"
                    : $"Prometheus was not ready at {url} within {ReadyTimeout.TotalSeconds:0} s. Its log:\n{log.Text}");
        }
        catch
        {
            await StopAsync(process).ConfigureAwait(false);
            process.Dispose();
            throw;
        }
    }
}
