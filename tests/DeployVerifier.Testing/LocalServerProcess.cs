using System.Diagnostics;
using static DeployVerifier.Testing.LocalServer;

namespace DeployVerifier.Testing;

/// <summary>
/// A server process of a real-server fixture, listening on a free 127.0.0.1 port and ready (its <c>/-/ready</c>
/// answered 200), with the last 40 lines of its output kept. Disposing it stops the process tree; the fixture owns
/// and deletes its data.
/// </summary>
internal sealed class LocalServerProcess : IAsyncDisposable
{
    /// <summary>Ports tried before giving up: another process may take a free port before the server binds it.</summary>
    private const int PortAttempts = 5;

    private const int LogLines = 40;

    private readonly Process _process;
    private readonly OutputTail _output;

    private LocalServerProcess(Process process, OutputTail output, Uri url)
    {
        _process = process;
        _output = output;
        Url = url;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The server's own output so far (its last lines), for diagnosing a failing test.</summary>
    public string Log => _output.Text;

    /// <summary>
    /// Starts <paramref name="fileName"/> with the arguments for a port, on a free port, and waits until it is ready;
    /// on a port taken meanwhile ("address already in use") it tries another, up to 5 ports.
    /// </summary>
    /// <param name="name">The server's name in error messages, e.g. "Prometheus".</param>
    /// <param name="fileName">The executable.</param>
    /// <param name="arguments">Its arguments to listen on the port given.</param>
    /// <param name="readyTimeout">How long to wait for <c>/-/ready</c> on each port.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="InvalidOperationException">The server exited or was not ready in time, or no port was free.</exception>
    public static async Task<LocalServerProcess> StartAsync(
        string name, string fileName, Func<int, IEnumerable<string>> arguments, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = await TryStartAsync(name, fileName, arguments, readyTimeout, cancellationToken).ConfigureAwait(false);
            if (server is not null)
            {
                return server;
            }

            if (attempt == PortAttempts)
            {
                throw new InvalidOperationException($"{name} found no free port in {PortAttempts} attempts.");
            }
        }
    }

    /// <summary>Stops the server with its process tree.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Starts the server and waits until it is ready; null if another process took the port first.</summary>
    private static async Task<LocalServerProcess?> TryStartAsync(
        string name, string fileName, Func<int, IEnumerable<string>> arguments, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var log = new OutputTail(LogLines);
        var process = Start(fileName, arguments(port), log);
        try
        {
            if (await WaitUntilReadyAsync(process, url, "-/ready", readyTimeout, cancellationToken).ConfigureAwait(false))
            {
                return new LocalServerProcess(process, log, url);
            }

            await StopAsync(process).ConfigureAwait(false);
            if (log.Text.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                process.Dispose();
                return null;
            }

            throw new InvalidOperationException(
                process.HasExited
                    ? $"{name} exited with {process.ExitCode} before it was ready. Its log:\n{log.Text}"
                    : $"{name} was not ready at {url} within {readyTimeout.TotalSeconds:0} s. Its log:\n{log.Text}");
        }
        catch
        {
            await StopAsync(process).ConfigureAwait(false);
            process.Dispose();
            throw;
        }
    }
}
