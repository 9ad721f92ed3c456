using DeployVerifier.Notifications;

namespace DeployVerifier.Cli.Notifications;

/// <summary>One notify target: turns the notices it cares for into requests. Called for one notice at a time, in order.</summary>
internal interface INotifyTarget
{
    /// <summary>The target's name in the report: alertmanager, slack, teams, statuspage or webhook.</summary>
    string Name { get; }

    /// <summary>Where it sends, when a target has several (an Alertmanager's host and port); never a secret path. Default none.</summary>
    string? Address => null;

    Task HandleAsync(NotifyNotice notice, CancellationToken cancellationToken);
}
