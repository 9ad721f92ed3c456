using System.Net;
using System.Net.Sockets;
using DeployVerifier.Checklists;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Before the soak: every notify target's variables are set and its host resolves. Problems are warnings, never a
/// failure (a side channel must not stop a verification), but they come at the start, not after the verdict.
/// </summary>
internal static class NotifyPreflight
{
    /// <summary>How long a host name may take to resolve: 3 seconds.</summary>
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>What is wrong with the targets, in words that name variables and hosts, never a secret.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(NotifySettings settings, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        foreach (var variable in settings.SecretVariables().Distinct(StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(environment(variable)))
            {
                problems.Add($"notify: environment variable {variable} is not set; its target will not be told");
            }
        }

        var hosts = new List<(string Target, Uri Url)>();
        hosts.AddRange(settings.Alertmanager?.Urls.Select(u => ("alertmanager", u)) ?? []);
        if (settings.Statuspage is { } page)
        {
            hosts.Add(("statuspage", page.ApiUrl));
        }

        foreach (var (target, variable) in new[] { ("slack", settings.Slack?.UrlEnv), ("teams", settings.Teams?.UrlEnv), ("webhook", settings.Webhook?.UrlEnv) })
        {
            if (variable is not null && SecretUrl.Read(variable, environment, out _) is { } url)
            {
                hosts.Add((target, url));
            }
            else if (variable is not null && !string.IsNullOrWhiteSpace(environment(variable)))
            {
                problems.Add($"notify.{target}: environment variable {variable} does not hold an absolute http or https URL");
            }
        }

        foreach (var (target, url) in hosts)
        {
            if (await ResolveProblemAsync(url.DnsSafeHost, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                problems.Add($"notify.{target}: host {url.Host} {problem}; its messages will fail");
            }
        }

        return problems;
    }

    private static async Task<string?> ResolveProblemAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out _))
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            await Dns.GetHostAddressesAsync(host, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (SocketException)
        {
            return "does not resolve";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"did not resolve within {ResolveTimeout.TotalSeconds:0} s";
        }
    }
}
