using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using static DeployVerifier.Testing.LocalServer;

namespace DeployVerifier.Testing;

/// <summary>
/// A real single-node VictoriaMetrics (Debian's <c>victoria-metrics</c>) on a free loopback port, holding a
/// <see cref="ReleaseHistory"/> imported over its HTTP API. It serves the Prometheus query API under
/// <c>/api/v1/...</c> like Prometheus; the data lies in the past, so query it with <c>time=</c> or
/// <c>start=</c>/<c>end=</c>. Disposing it stops the process and deletes its data.
/// </summary>
/// <remarks>
/// It runs with <c>-search.latencyOffset=0s</c> (by default VictoriaMetrics hides the last 30 s) and
/// <c>-retentionPeriod=100y</c> (the default of one month would drop history from 2024). Its response cache stays
/// on, as in production, and is reset once the import is searchable.
/// </remarks>
public sealed class VictoriaMetricsServer : IAsyncDisposable
{
    /// <summary>How long to wait for /-/ready, and then for the imported samples to be searchable: 30 s each.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly LocalServerProcess _server;
    private readonly DirectoryInfo _directory;

    private VictoriaMetricsServer(LocalServerProcess server, DirectoryInfo directory)
    {
        _server = server;
        _directory = directory;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url => _server.Url;

    /// <summary>The temporary directory holding the storage.</summary>
    public string DataDirectory => _directory.FullName;

    /// <summary>VictoriaMetrics' own log so far (its last lines), for diagnosing a failing test.</summary>
    public string Log => _server.Log;

    /// <summary>Starts a server, imports <paramref name="history"/> and waits until every sample is searchable.</summary>
    /// <exception cref="InvalidOperationException">The server did not start, or it did not take every sample.</exception>
    public static async Task<VictoriaMetricsServer> StartAsync(ReleaseHistory history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        var binary = VictoriaMetricsInstaller.EnsureInstalled();
        var directory = Directory.CreateTempSubdirectory("deploy-verifier-victoria-metrics-");
        try
        {
            var process = await LocalServerProcess.StartAsync(
                    "VictoriaMetrics",
                    binary,
                    port =>
                    [
                        $"-storageDataPath={Path.Combine(directory.FullName, "storage")}",
                        "-retentionPeriod=100y",
                        "-search.latencyOffset=0s",
                        $"-httpListenAddr=127.0.0.1:{port}",
                        "-loggerLevel=WARN",
                    ],
                    ReadyTimeout,
                    cancellationToken)
                .ConfigureAwait(false);
            var server = new VictoriaMetricsServer(process, directory);
            try
            {
                await server.ImportAsync(history, cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>Stops VictoriaMetrics (with its process tree) and deletes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        TryDelete(_directory);
    }

    /// <summary>
    /// Imports the history, flushes it to searchable storage, and waits until a query counts every sample:
    /// VictoriaMetrics answers an import with 204 even when it drops lines it cannot parse (it only logs them).
    /// </summary>
    private async Task ImportAsync(ReleaseHistory history, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        var file = Path.Combine(_directory.FullName, "metrics.prom");
        using (var writer = new StreamWriter(file, append: false, new UTF8Encoding(false), bufferSize: 1 << 16))
        {
            history.WritePrometheusText(writer);
        }

        await using (var stream = File.OpenRead(file))
        {
            using var content = new StreamContent(stream);
            using var import = await http.PostAsync(new Uri("api/v1/import/prometheus", UriKind.Relative), content, cancellationToken)
                .ConfigureAwait(false);
            await EnsureSuccessAsync(import, "POST /api/v1/import/prometheus", cancellationToken).ConfigureAwait(false);
        }

        File.Delete(file);
        var series = history.Scenarios.SelectMany(s => s.Series).ToList();
        var expected = series.Sum(s => (long)s.Count);
        var first = series.Min(s => s.TimeAt(0));
        var last = series.Max(s => s.TimeAt(s.Count - 1));
        var probe = new Dictionary<string, string>
        {
            ["query"] = $"sum(count_over_time({{__name__=~\".+\"}}[{last - first + ReleaseHistory.ScrapeIntervalSeconds}s]))",
            ["time"] = last.ToString(CultureInfo.InvariantCulture),
        };

        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        long found;
        while (true)
        {
            using (var flush = await http.GetAsync(new Uri("internal/force_flush", UriKind.Relative), cancellationToken).ConfigureAwait(false))
            {
                await EnsureSuccessAsync(flush, "GET /internal/force_flush", cancellationToken).ConfigureAwait(false);
            }

            using var content = new FormUrlEncodedContent(probe);
            using var answer = await http.PostAsync(new Uri("api/v1/query", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(answer, "the probe query", cancellationToken).ConfigureAwait(false);
            found = CountOf(await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (found == expected)
            {
                break;
            }

            if (clock.GetElapsedTime(started) >= ReadyTimeout)
            {
                throw new InvalidOperationException(
                    $"VictoriaMetrics holds {found} of the {expected} imported samples after {ReadyTimeout.TotalSeconds:0} s. Its log:\n{Log}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken).ConfigureAwait(false);
        }

        // The probes may have filled the response cache while the data was still arriving.
        using var reset = await http.GetAsync(new Uri("internal/resetRollupResultCache", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(reset, "GET /internal/resetRollupResultCache", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The single value of an instant vector with at most one sample; 0 when it is empty.</summary>
    private static long CountOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0
            ? 0
            : long.Parse(result[0].GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException(
                $"VictoriaMetrics answered {what} with HTTP {(int)response.StatusCode}: {body}\nIts log:\n{Log}");
        }
    }
}
