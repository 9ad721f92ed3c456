namespace DeployVerifier.Notifications;

/// <summary>One notification: to which target, for which event, whether it arrived, and when (wall-clock time).</summary>
/// <param name="Target">alertmanager, slack, teams, statuspage or webhook.</param>
/// <param name="Event">started, earlyWarning, verdict, rollback, or resolved (an alert).</param>
/// <param name="Succeeded">The target accepted it (2xx).</param>
/// <param name="Detail">What was sent, or why it failed; redacted.</param>
/// <param name="TriggeredAt">When the verifier decided to send it (the evaluation was seen).</param>
/// <param name="SentAt">When it was accepted, or the last attempt failed.</param>
/// <param name="Attempts">How many requests it took.</param>
/// <param name="Sent">False when nothing was sent (<c>--no-notify</c>).</param>
public sealed record NotificationSent(string Target, string Event, bool Succeeded, string Detail, DateTimeOffset TriggeredAt, DateTimeOffset SentAt, int Attempts,
    bool Sent = true)
{
    /// <summary>How it ended, in one word: <c>sent</c>, <c>failed</c>, <c>notSent</c>, <c>superseded</c> or <c>printed</c>.</summary>
    public string Outcome => this switch
    {
        { Sent: false } => NotificationOutcome.Printed,
        { Event: NotificationOutcome.Superseded } => NotificationOutcome.Superseded,
        { Event: NotificationOutcome.NotSent } => NotificationOutcome.NotSent,
        { Succeeded: true } => NotificationOutcome.Sent,
        _ => NotificationOutcome.Failed,
    };
}

/// <summary>The outcomes of a notification, as the report writes them.</summary>
public static class NotificationOutcome
{
    /// <summary>The target accepted it.</summary>
    public const string Sent = "sent";

    /// <summary>It was sent and refused, or never got an answer, after every attempt allowed; or it could not be built.</summary>
    public const string Failed = "failed";

    /// <summary>It was still queued when the flush after the rollback ran out of time.</summary>
    public const string NotSent = "notSent";

    /// <summary>Early warnings and re-posts still queued when the verdict was queued: dropped, not a failure.</summary>
    public const string Superseded = "superseded";

    /// <summary>With <c>--no-notify</c>: printed, never sent.</summary>
    public const string Printed = "printed";
}
