namespace DeployVerifier.Cli.Notifications;

/// <summary>One notify target: turns the notices it cares for into requests. Called for one notice at a time, in order.</summary>
internal interface INotifyTarget
{
    Task HandleAsync(NotifyNotice notice, CancellationToken cancellationToken);
}
