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
    bool Sent = true);
