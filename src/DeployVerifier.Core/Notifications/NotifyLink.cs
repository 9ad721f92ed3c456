namespace DeployVerifier.Notifications;

/// <summary>A button under a chat message: the run, or a failing check's runbook or dashboard.</summary>
/// <param name="Title">What the button says, e.g. "Runbook: memory-leak".</param>
/// <param name="Url">Where it goes.</param>
public sealed record NotifyLink(string Title, Uri Url)
{
    /// <summary>The run's page, then the runbook and dashboard of each of <paramref name="checks"/> that has them.</summary>
    public static IReadOnlyList<NotifyLink> For(NotifyRelease release, IEnumerable<string> checks)
    {
        var links = new List<NotifyLink>();
        if (release.RunUrl is { } run)
        {
            links.Add(new NotifyLink("Open the run", run));
        }

        foreach (var check in checks.Distinct(StringComparer.Ordinal))
        {
            if (release.Links.GetValueOrDefault(check) is not { } of)
            {
                continue;
            }

            if (of.Runbook is { } runbook)
            {
                links.Add(new NotifyLink($"Runbook: {check}", runbook));
            }

            if (of.Dashboard is { } dashboard)
            {
                links.Add(new NotifyLink($"Dashboard: {check}", dashboard));
            }
        }

        return links;
    }
}
