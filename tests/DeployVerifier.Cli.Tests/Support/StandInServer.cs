using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeployVerifier.Support;

/// <summary>
/// A minimal HTTP server on a free loopback port standing in for the GitHub or Azure DevOps API: it records every
/// request and answers with a canned status and body.
/// </summary>
internal sealed class StandInServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string, string, (int Status, string Body)> _answer;
    private readonly List<RecordedRequest> _requests = [];

    public StandInServer(Func<string, (int Status, string Body)> answer)
        : this((_, path) => answer(path))
    {
    }

    /// <summary>Answers by method and path (the Kubernetes API reads and patches one address).</summary>
    public StandInServer(Func<string, string, (int Status, string Body)> answer)
    {
        _answer = answer;
        Port = FreePort();
        Url = new Uri($"http://127.0.0.1:{Port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Headers added to every answer (e.g. a redirect's <c>Location</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public Uri Url { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>A port nothing listens on (for "the API is down").</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.PathAndQuery;
            lock (_requests)
            {
                _requests.Add(new RecordedRequest(context.Request.HttpMethod, path, context.Request.Headers["Authorization"], body)
                {
                    ContentType = context.Request.ContentType,
                });
            }

            var (status, answer) = _answer(context.Request.HttpMethod, path);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in Headers)
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(answer);
            if (bytes.Length > 0)
            {
                await context.Response.OutputStream.WriteAsync(bytes);
            }

            context.Response.Close();
        }
    }
}

/// <summary>One request the stand-in server received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? Authorization, string Body)
{
    /// <summary>When it arrived (wall clock), for latency figures.</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The request's Content-Type, if any.</summary>
    public string? ContentType { get; init; }
}
