namespace DeployVerifier.Checklists.Document;

/// <summary>Maps <c>notify</c> onto <see cref="NotifyDocument"/>, reporting unknown keys and values of the wrong shape.</summary>
internal sealed class NotifyDocumentReader(ICollection<ChecklistError> errors)
{
    public NotifyDocument? Read(DocumentMapping? mapping, string path)
    {
        if (mapping is null)
        {
            return null;
        }

        var map = Open(mapping, path, ChecklistKeys.Notify);
        return new NotifyDocument(mapping.Location)
        {
            Alertmanager = map.Mapping("alertmanager") is { } am ? ReadAlertmanager(am, map.PathOf("alertmanager")) : null,
            Slack = map.Mapping("slack") is { } slack ? ReadChat(slack, map.PathOf("slack")) : null,
            Teams = map.Mapping("teams") is { } teams ? ReadChat(teams, map.PathOf("teams")) : null,
            Statuspage = map.Mapping("statuspage") is { } page ? ReadStatuspage(page, map.PathOf("statuspage")) : null,
            Webhook = map.Mapping("webhook") is { } hook ? ReadWebhook(hook, map.PathOf("webhook")) : null,
            FlushTimeout = map.Scalar("flushTimeout"),
        };
    }

    private DocumentMappingReader Open(DocumentMapping mapping, string path, IReadOnlyList<string> keys) => new(mapping, path, keys, errors);

    private NotifyAlertmanagerDocument ReadAlertmanager(DocumentMapping mapping, string path)
    {
        var map = Open(mapping, path, ChecklistKeys.NotifyAlertmanager);
        var basicAuth = map.Section("basicAuth", ChecklistKeys.BasicAuth, (auth, at) => new BasicAuthDocument(at)
        {
            UsernameEnv = auth.Scalar("usernameEnv"),
            PasswordEnv = auth.Scalar("passwordEnv"),
        });

        var severities = map.Section("severities", ChecklistKeys.AlertSeverities, (s, at) => new AlertSeveritiesDocument(at)
        {
            Fail = s.Scalar("fail"),
            Warn = s.Scalar("warn"),
            EarlyWarning = s.Scalar("earlyWarning"),
            DryRun = s.Scalar("dryRun"),
        });

        return new NotifyAlertmanagerDocument(mapping.Location)
        {
            Urls = map.Node("urls"),
            Events = map.Sequence("events"),
            Headers = map.Mapping("headers"),
            HeadersFromEnv = map.Mapping("headersFromEnv"),
            BearerTokenEnv = map.Scalar("bearerTokenEnv"),
            BasicAuth = basicAuth,
            Labels = map.Mapping("labels"),
            Severities = severities,
            KeepFailedFor = map.Scalar("keepFailedFor"),
            MinFiring = map.Scalar("minFiring"),
            Timeout = map.Scalar("timeout"),
        };
    }

    private NotifyChatDocument ReadChat(DocumentMapping mapping, string path)
    {
        var map = Open(mapping, path, ChecklistKeys.NotifyChat);
        return new NotifyChatDocument(mapping.Location)
        {
            UrlEnv = map.Scalar("urlEnv"),
            Events = map.Sequence("events"),
            Timeout = map.Scalar("timeout"),
        };
    }

    private NotifyStatuspageDocument ReadStatuspage(DocumentMapping mapping, string path)
    {
        var map = Open(mapping, path, ChecklistKeys.NotifyStatuspage);
        return new NotifyStatuspageDocument(mapping.Location)
        {
            Url = map.Scalar("url"),
            PageId = map.Scalar("pageId"),
            ComponentId = map.Scalar("componentId"),
            TokenEnv = map.Scalar("tokenEnv"),
            ComponentStatus = map.Scalar("componentStatus"),
            Timeout = map.Scalar("timeout"),
        };
    }

    private NotifyWebhookDocument ReadWebhook(DocumentMapping mapping, string path)
    {
        var map = Open(mapping, path, ChecklistKeys.NotifyWebhook);
        return new NotifyWebhookDocument(mapping.Location)
        {
            UrlEnv = map.Scalar("urlEnv"),
            HeadersFromEnv = map.Mapping("headersFromEnv"),
            Events = map.Sequence("events"),
            Timeout = map.Scalar("timeout"),
        };
    }
}
