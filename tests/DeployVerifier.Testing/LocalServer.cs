using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DeployVerifier.Testing;

/// <summary>
/// What the real-server fixtures share: starting a server process with its output kept, a free loopback port,
/// waiting for a readiness endpoint, stopping the process tree and deleting the temporary data.
/// </summary>
internal static class LocalServer
{
    /// <summary>Starts <paramref name="fileName"/> with its stdout and stderr going to <paramref name="log"/>.</summary>
    public static Process Start(string fileName, IEnumerable<string> arguments, OutputTail log)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) => log.Add(e.Data);
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>True once GET <paramref name="path"/> answers 200; false if the process exits first or the timeout passes.</summary>
    public static async Task<bool> WaitUntilReadyAsync(
        Process process, Uri url, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < timeout)
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The request timed out; try again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>A loopback port that was free a moment ago; another process may still take it first.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Kills the process tree and waits (at most 10 s) for it to exit.</summary>
    public static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The process was never started or has already gone.
        }
        catch (OperationCanceledException)
        {
            // It did not exit in time after SIGKILL; nothing more can be done.
        }
    }

    public static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is not worth failing a test run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The last lines a process wrote to stdout and stderr, kept thread-safe since output arrives on pool threads.</summary>
    public sealed class OutputTail(int capacity)
    {
        private readonly Queue<string> _lines = new();
        private readonly Lock _gate = new();

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return string.Join('\n', _lines);
                }
            }
        }

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _lines.Enqueue(line);
                while (_lines.Count > capacity)
                {
                    _lines.Dequeue();
                }
            }
        }
    }
}
