namespace DeployVerifier.Cli.Notifications;

/// <summary>Makes a notify target's requests and records each in the <see cref="NotificationLog"/>; never throws.</summary>
internal interface INotifySender
{
    Task<NotifyResponse> SendAsync(NotifyRequest request, CancellationToken cancellationToken);

    /// <summary>Records a notification that could not be made (a secret's variable not set), the way a refused one is.</summary>
    void Unsendable(string target, string @event, string problem, DateTimeOffset triggeredAt);
}
