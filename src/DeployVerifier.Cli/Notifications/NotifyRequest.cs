namespace DeployVerifier.Cli.Notifications;

/// <summary>One HTTP call to a notify target, built by the target and made (or only printed) by an <see cref="INotifySender"/>.</summary>
/// <param name="Target">alertmanager, slack, teams, statuspage or webhook.</param>
/// <param name="Event">The event it tells of: started, earlyWarning, verdict, rollback, resolved.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">Where it goes; may hold a secret (a webhook's path), so only its host is ever printed.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Headers">Headers, values already checked with <see cref="Checklists.HeaderValue"/>.</param>
/// <param name="Timeout">Per attempt, on the injected clock.</param>
/// <param name="Summary">What it says, in a few words, for the report and <c>--no-notify</c>.</param>
/// <param name="TriggeredAt">When the verifier decided to send it.</param>
internal sealed record NotifyRequest(
    string Target,
    string Event,
    HttpMethod Method,
    Uri Url,
    string Body,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    TimeSpan Timeout,
    string Summary,
    DateTimeOffset TriggeredAt)
{
    /// <summary>
    /// Whether sending it twice does no harm (an Alertmanager post, a status PATCH): only then is it retried after a
    /// timeout, when the first may have arrived. Chat messages, incidents and webhook events are retried only on no
    /// connection, 429 and 5xx. Default false.
    /// </summary>
    public bool Idempotent { get; init; }
}

/// <summary>How a request ended: accepted (2xx) with the answer's body, or not.</summary>
internal sealed record NotifyResponse(bool Succeeded, string? Body);
