using System.Globalization;
using System.Net;
using System.Web;

namespace DeployVerifier.Support;

/// <summary>
/// Stands between the CLI and a real Prometheus, and plays a Prometheus that goes away: every range query that
/// starts at or after <c>cutAt</c> is answered 503 (and so is everything after the first one), the rest is passed on.
/// </summary>
internal sealed class CuttingProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _http = new();
    private readonly Uri _target;
    private readonly DateTimeOffset _cutAt;
    private volatile bool _gone;

    public CuttingProxy(Uri target, DateTimeOffset cutAt)
    {
        _target = target;
        _cutAt = cutAt;
        Url = new Uri($"http://127.0.0.1:{StandInServer.FreePort()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public void Dispose()
    {
        _listener.Close();
        _http.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var request = context.Request;
        var body = request.HasEntityBody ? await new StreamReader(request.InputStream).ReadToEndAsync() : "";
        var form = HttpUtility.ParseQueryString(body);
        if (request.Url!.AbsolutePath.EndsWith("query_range", StringComparison.Ordinal) && form["start"] is { } start
            && double.Parse(start, CultureInfo.InvariantCulture) >= _cutAt.ToUnixTimeSeconds())
        {
            _gone = true;
        }

        if (_gone)
        {
            response.StatusCode = 503;
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, request.Url.PathAndQuery));
        if (request.HasEntityBody)
        {
            forward.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        using var answer = await _http.SendAsync(forward);
        response.StatusCode = (int)answer.StatusCode;
        response.ContentType = answer.Content.Headers.ContentType?.ToString();
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        await response.OutputStream.WriteAsync(bytes);
    }
}
