using DeployVerifier.Notifications;

namespace DeployVerifier.Cli.Notifications;

/// <summary><c>--no-notify</c>: sends nothing, prints what it would have sent (host only, never a webhook's path), and records it as not sent.</summary>
internal sealed class PrintingNotifySender(TextWriter output, TimeProvider time, NotificationLog log) : INotifySender
{
    public Task<NotifyResponse> SendAsync(NotifyRequest request, CancellationToken cancellationToken)
    {
        var what = $"{request.Summary} ({request.Method} {request.Url.Authority})";
        lock (output)
        {
            output.WriteLine($"--no-notify: would send to {request.Target} ({request.Event}): {what}");
            output.WriteLine($"  {request.Body}");
        }

        log.Add(new NotificationSent(request.Target, request.Event, false, $"not sent (--no-notify): {what}", request.TriggeredAt, time.GetUtcNow(), 0, Sent: false));
        return Task.FromResult(new NotifyResponse(false, null));
    }

    public void Unsendable(string target, string @event, string problem, DateTimeOffset triggeredAt)
    {
        lock (output)
        {
            output.WriteLine($"--no-notify: could not send to {target} ({@event}) anyway: {problem}");
        }

        log.Add(new NotificationSent(target, @event, false, problem, triggeredAt, time.GetUtcNow(), 0, Sent: false));
    }
}
