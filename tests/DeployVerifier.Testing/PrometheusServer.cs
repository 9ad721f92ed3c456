using static DeployVerifier.Testing.LocalServer;

namespace DeployVerifier.Testing;

/// <summary>
/// A real Prometheus on a free loopback port: either serving history backfilled from OpenMetrics with promtool
/// (<see cref="StartAsync(ReleaseHistory, CancellationToken)"/>; it scrapes nothing, and the data lies in the past, so
/// query it with <c>time=</c> or <c>start=</c>/<c>end=</c>), or scraping live targets in real time
/// (<see cref="StartScrapingAsync"/>). Disposing it stops the process and deletes its data.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>How long to wait for /-/ready: 30 s.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly LocalServerProcess _server;
    private readonly DirectoryInfo _directory;

    private PrometheusServer(LocalServerProcess server, DirectoryInfo directory)
    {
        _server = server;
        _directory = directory;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url => _server.Url;

    /// <summary>The temporary directory holding the OpenMetrics file and the TSDB.</summary>
    public string DataDirectory => _directory.FullName;

    /// <summary>Prometheus' own log so far (its last lines), for diagnosing a failing test.</summary>
    public string Log => _server.Log;

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

    /// <summary>
    /// Starts a server that scrapes in real time, as a cluster's Prometheus does: <paramref name="scrapeConfigs"/> is
    /// the configuration's <c>scrape_configs:</c> section (e.g. <see cref="LiveRollout.ScrapeConfig"/>). It starts empty.
    /// </summary>
    public static Task<PrometheusServer> StartScrapingAsync(string scrapeConfigs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scrapeConfigs);
        return StartCoreAsync(scrapeConfigs, (_, _) => Task.CompletedTask, cancellationToken);
    }

    /// <summary>Stops Prometheus (with its process tree) and deletes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        TryDelete(_directory);
    }

    private static Task<PrometheusServer> StartCoreAsync(Action<string> writeOpenMetrics, CancellationToken cancellationToken) =>
        StartCoreAsync("# No scrape jobs: this server only serves backfilled history.\n", async (binaries, tsdb) =>
        {
            var openMetrics = Path.Combine(Path.GetDirectoryName(tsdb)!, "metrics.om");
            writeOpenMetrics(openMetrics);
            await BackfillAsync(binaries, openMetrics, tsdb, cancellationToken).ConfigureAwait(false);
            File.Delete(openMetrics);
        }, cancellationToken);

    /// <summary>Starts Prometheus with <paramref name="config"/> on a TSDB that <paramref name="fill"/> prepares first.</summary>
    private static async Task<PrometheusServer> StartCoreAsync(string config, Func<PrometheusBinaries, string, Task> fill, CancellationToken cancellationToken)
    {
        var binaries = PrometheusInstaller.EnsureInstalled();
        var directory = Directory.CreateTempSubdirectory("deploy-verifier-prometheus-");
        try
        {
            var tsdb = Path.Combine(directory.FullName, "tsdb");
            var configFile = Path.Combine(directory.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(configFile, config, cancellationToken).ConfigureAwait(false);
            await fill(binaries, tsdb).ConfigureAwait(false);
            var server = await LocalServerProcess.StartAsync(
                    "Prometheus",
                    binaries.Prometheus,
                    port =>
                    [
                        $"--config.file={configFile}",
                        $"--storage.tsdb.path={tsdb}",
                        "--storage.tsdb.retention.time=100y",
                        $"--web.listen-address=127.0.0.1:{port}",
                    ],
                    ReadyTimeout,
                    cancellationToken)
                .ConfigureAwait(false);
            return new PrometheusServer(server, directory);
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
}
