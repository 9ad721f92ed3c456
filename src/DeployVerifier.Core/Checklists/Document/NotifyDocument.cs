namespace DeployVerifier.Checklists.Document;

/// <summary><c>notify</c> as written.</summary>
internal sealed record NotifyDocument(SourceLocation Location)
{
    public NotifyAlertmanagerDocument? Alertmanager { get; init; }

    public NotifyChatDocument? Slack { get; init; }

    public NotifyChatDocument? Teams { get; init; }

    public NotifyStatuspageDocument? Statuspage { get; init; }

    public NotifyWebhookDocument? Webhook { get; init; }

    public DocumentScalar? FlushTimeout { get; init; }
}
