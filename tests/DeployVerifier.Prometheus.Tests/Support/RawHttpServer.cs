using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeployVerifier.Prometheus.Tests.Support;

/// <summary>
/// A loopback server that answers each request with the raw bytes a function gives for its path, then closes the
/// connection: for answers no well-behaved server library would send (a false Content-Encoding, a redirect, a body cut
/// short), seen through the client's real socket handler.
/// </summary>
internal sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, string> _answer;
    private readonly List<string> _requests = [];

    public RawHttpServer(Func<string, string> answer)
    {
        _answer = answer;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>The request lines seen, with their headers, e.g. "POST /api/v1/query\nAuthorization: ...".</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>A complete answer with the given status line, extra header lines and body.</summary>
    public static string Answer(string status, string body, params string[] headers) =>
        $"HTTP/1.1 {status}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    public void Dispose() => _listener.Stop();

    private async Task ServeAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeOneAsync(client));
        }
    }

    private async Task ServeOneAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            var lines = head.Split("\r\n");
            var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            var body = new byte[length];
            await stream.ReadExactlyAsync(body);
            var requestLine = lines[0].Split(' ');
            lock (_requests)
            {
                _requests.Add($"{requestLine[0]} {requestLine[1]}\n{string.Join("\n", lines.Skip(1))}");
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(_answer(requestLine[1])));
            await stream.FlushAsync();
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) == 1)
        {
            head.Append((char)buffer[0]);
        }

        return head.ToString().TrimEnd();
    }
}
