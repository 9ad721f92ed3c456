using System.Globalization;
using DeployVerifier.Checklists.Document;

namespace DeployVerifier.Checklists.Validation;

/// <summary>The <c>notify</c> section: its targets, their events, and the environment variables that hold their secrets.</summary>
internal sealed class NotifyValidator(ScalarReader read)
{
    /// <summary>Labels the verifier sets on every alert: a user label of the same name would be overwritten, or break routing.</summary>
    private static readonly string[] ReservedAlertLabels = ["alertname", "severity", "stage", "check", "release", "service", "namespace", "dry_run"];

    /// <summary>The longest <c>notify.flushTimeout</c>: 10 minutes (a pipeline waits for it after the verdict).</summary>
    private static readonly TimeSpan MaxFlushTimeout = TimeSpan.FromMinutes(10);

    private static readonly string[] StatuspageStatuses = ["degraded_performance", "partial_outage", "major_outage"];

    public NotifySettings Validate(NotifyDocument? n)
    {
        if (n is null)
        {
            return NotifySettings.None;
        }

        return new NotifySettings
        {
            Alertmanager = n.Alertmanager is { } am ? ValidateAlertmanager(am) : null,
            Slack = n.Slack is { } slack ? ValidateChat(slack, "notify.slack") : null,
            Teams = n.Teams is { } teams ? ValidateChat(teams, "notify.teams") : null,
            Statuspage = n.Statuspage is { } page ? ValidateStatuspage(page) : null,
            Webhook = n.Webhook is { } hook ? ValidateStatusWebhook(hook) : null,
            FlushTimeout = read.Duration(n.FlushTimeout, "notify.flushTimeout", ChecklistDefaults.NotifyFlushTimeout, positive: true, max: MaxFlushTimeout),
        };
    }

    private AlertmanagerTarget ValidateAlertmanager(NotifyAlertmanagerDocument a)
    {
        const string Path = "notify.alertmanager";
        var hint = "put them in environment variables (basicAuth, bearerTokenEnv), not in the address";
        var urls = new List<Uri>();
        switch (a.Urls)
        {
            case null:
                read.Error($"{Path}: urls is required (an Alertmanager address, or a list of them for a cluster)", a.Location);
                break;
            case DocumentScalar one:
                urls.AddRange(new[] { read.Url(one, $"{Path}.urls", hint) }.OfType<Uri>());
                break;
            case DocumentSequence list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    var at = string.Create(CultureInfo.InvariantCulture, $"{Path}.urls[{i}]");
                    if (list.Items[i] is DocumentScalar scalar)
                    {
                        urls.AddRange(new[] { read.Url(scalar, at, hint) }.OfType<Uri>());
                    }
                    else
                    {
                        read.Error($"{at}: expected an address, found {list.Items[i].Kind}", list.Items[i].Location);
                    }
                }

                if (list.Items.Count == 0)
                {
                    read.Error($"{Path}.urls: give at least one address", list.Location);
                }

                break;
            default:
                read.Error($"{Path}.urls: expected an address or a list of addresses, found {a.Urls.Kind}", a.Urls.Location);
                break;
        }

        var (bearer, basicAuth) = new CredentialsValidator(read).Validate(Path, a.BasicAuth, a.BearerTokenEnv);

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in a.Labels?.Entries ?? [])
        {
            if (!ScalarReader.Identifier().IsMatch(key.Value))
            {
                read.Error($"{Path}.labels: '{key.Value}' is not a label name; use letters, digits and _ (not first)", key.Location);
            }
            else if (ReservedAlertLabels.Contains(key.Value, StringComparer.Ordinal))
            {
                read.Error($"{Path}.labels.{key.Value}: is set by the verifier on every alert ({string.Join(", ", ReservedAlertLabels)}); "
                    + "to name the severities as your routes expect, use notify.alertmanager.severities (fail: critical, warn: warning, "
                    + "earlyWarning: warning, dryRun: info by default)", key.Location);
            }
            else if (value is not DocumentScalar { IsNull: false } scalar)
            {
                read.Error($"{Path}.labels.{key.Value}: expected a single value", value.Location);
            }
            else
            {
                labels[key.Value] = scalar.Value;
            }
        }

        var events = Events(a.Events, $"{Path}.events", ChecklistDefaults.AlertEvents);
        foreach (var (item, value) in EventItems(a.Events))
        {
            if (value is NotifyEvent.Started or NotifyEvent.Rollback)
            {
                read.Error($"{Path}.events: '{item.Value}' raises no alert; Alertmanager takes earlyWarning and verdict (the rollback's outcome resolves or keeps the alert)",
                    item.Location);
            }
        }

        return new AlertmanagerTarget(
            urls,
            events,
            read.Headers(a.Headers, $"{Path}.headers"),
            read.HeadersFromEnv(a.HeadersFromEnv, $"{Path}.headersFromEnv"),
            bearer,
            basicAuth,
            labels,
            read.Duration(a.KeepFailedFor, $"{Path}.keepFailedFor", ChecklistDefaults.AlertKeepFailedFor, positive: true),
            read.Duration(a.Timeout, $"{Path}.timeout", ChecklistDefaults.NotifyTimeout, positive: true))
        {
            MinFiring = read.Duration(a.MinFiring, $"{Path}.minFiring", ChecklistDefaults.AlertMinFiring),
            Severities = ValidateSeverities(a.Severities, $"{Path}.severities"),
        };
    }

    private AlertSeverities ValidateSeverities(AlertSeveritiesDocument? s, string path)
    {
        var fallback = AlertSeverities.Default;
        if (s is null)
        {
            return fallback;
        }

        string Name(DocumentScalar? scalar, string key, string standard)
        {
            if (scalar is null)
            {
                return standard;
            }

            if (scalar.IsNull || string.IsNullOrWhiteSpace(scalar.Value) || scalar.Value.Any(char.IsControl))
            {
                read.Error($"{path}.{key}: expected a label value such as {standard}", scalar.Location);
                return standard;
            }

            return scalar.Value.Trim();
        }

        return new AlertSeverities(
            Name(s.Fail, "fail", fallback.Fail),
            Name(s.Warn, "warn", fallback.Warn),
            Name(s.EarlyWarning, "earlyWarning", fallback.EarlyWarning),
            Name(s.DryRun, "dryRun", fallback.DryRun));
    }

    private ChatTarget ValidateChat(NotifyChatDocument c, string path) =>
        new(
            read.RequiredEnvName(c.UrlEnv, $"{path}.urlEnv", c.Location, "the environment variable holding the webhook URL (a secret), e.g. SLACK_WEBHOOK_URL"),
            Events(c.Events, $"{path}.events", ChecklistDefaults.ChatEvents),
            read.Duration(c.Timeout, $"{path}.timeout", ChecklistDefaults.NotifyTimeout, positive: true));

    private StatuspageTarget ValidateStatuspage(NotifyStatuspageDocument s)
    {
        const string Path = "notify.statuspage";
        var url = s.Url is null ? ChecklistDefaults.StatuspageApi : read.Url(s.Url, $"{Path}.url", "the API key comes from tokenEnv, not the address");
        return new StatuspageTarget(
            url is null ? ChecklistDefaults.StatuspageApi : new Uri(url.ToString().TrimEnd('/') + "/"),
            read.RequiredText(s.PageId, $"{Path}.pageId", s.Location, "the page's id, from its API page"),
            read.RequiredText(s.ComponentId, $"{Path}.componentId", s.Location, "the id of the component the release serves"),
            read.RequiredEnvName(s.TokenEnv, $"{Path}.tokenEnv", s.Location, "the environment variable holding the API key, e.g. STATUSPAGE_API_KEY"),
            read.Choice(s.ComponentStatus, $"{Path}.componentStatus", ChecklistDefaults.StatuspageComponentStatus,
                [.. StatuspageStatuses.Select(v => (v, v))]),
            read.Duration(s.Timeout, $"{Path}.timeout", ChecklistDefaults.NotifyTimeout, positive: true));
    }

    private StatusWebhookTarget ValidateStatusWebhook(NotifyWebhookDocument w)
    {
        const string Path = "notify.webhook";
        return new StatusWebhookTarget(
            read.RequiredEnvName(w.UrlEnv, $"{Path}.urlEnv", w.Location, "the environment variable holding the URL, e.g. STATUS_WEBHOOK_URL"),
            read.HeadersFromEnv(w.HeadersFromEnv, $"{Path}.headersFromEnv"),
            Events(w.Events, $"{Path}.events", ChecklistDefaults.StatusWebhookEvents),
            read.Duration(w.Timeout, $"{Path}.timeout", ChecklistDefaults.NotifyTimeout, positive: true));
    }

    private HashSet<NotifyEvent> Events(DocumentSequence? sequence, string path, IReadOnlySet<NotifyEvent> fallback)
    {
        if (sequence is null)
        {
            return [.. fallback];
        }

        var events = new HashSet<NotifyEvent>();
        var names = NotifyEventNames.All.Select(e => e.Name).ToList();
        foreach (var item in sequence.Items)
        {
            if (item is not DocumentScalar scalar)
            {
                read.Error($"{path}: each entry must be an event ({string.Join(", ", names)}), found {item.Kind}", item.Location);
            }
            else if (NotifyEventNames.All.FirstOrDefault(e => e.Name == scalar.Value) is { Name: not null } known)
            {
                events.Add(known.Value);
            }
            else
            {
                read.Error($"{path}: '{scalar.Value}' is not an event; known events are {string.Join(", ", names)}{NameSuggestion.Hint(scalar.Value, names)}",
                    scalar.Location);
            }
        }

        return events;
    }

    private static IEnumerable<(DocumentScalar Item, NotifyEvent Value)> EventItems(DocumentSequence? sequence) =>
        (sequence?.Items ?? []).OfType<DocumentScalar>()
            .Select(s => (s, NotifyEventNames.All.FirstOrDefault(e => e.Name == s.Value)))
            .Where(p => p.Item2.Name is not null)
            .Select(p => (p.s, p.Item2.Value));
}
