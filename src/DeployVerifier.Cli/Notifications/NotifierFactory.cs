using DeployVerifier.Checklists;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Notifications;

namespace DeployVerifier.Cli.Notifications;

/// <summary>The notify targets of the checklist, sending for real, or printing only with <c>--no-notify</c>; one target per Alertmanager address.</summary>
internal static class NotifierFactory
{
    public static Notifier Create(NotifySettings settings, IEnumerable<CheckDefinition> checks, Invocation invocation, NotifyRelease release, CliContext context)
    {
        var log = new NotificationLog(context.Output.Redact);
        INotifySender sender = invocation.NoNotify ? new PrintingNotifySender(context.Output, context.Time, log) : new HttpNotifySender(CliContext.Http, context.Time, log);
        var byName = checks.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var targets = new List<INotifyTarget>();
        if (settings.Alertmanager is { } alertmanager)
        {
            // One target per address: a hanging Alertmanager never delays another (each has its own queue).
            targets.AddRange(alertmanager.Urls.Select(url => new AlertmanagerNotifier(alertmanager, url, sender, context.Environment.Get, byName, context.Time)));
        }

        if (settings.Slack is { } slack)
        {
            targets.Add(ChatNotifier.Slack(slack, sender, context.Environment.Get));
        }

        if (settings.Teams is { } teams)
        {
            targets.Add(ChatNotifier.Teams(teams, sender, context.Environment.Get));
        }

        if (settings.Statuspage is { } statuspage)
        {
            targets.Add(new StatuspageNotifier(statuspage, sender, context.Environment.Get));
        }

        if (settings.Webhook is { } webhook)
        {
            targets.Add(new StatusWebhookNotifier(webhook, sender, context.Environment.Get));
        }

        return new Notifier(targets, context.Time, log, release);
    }
}
