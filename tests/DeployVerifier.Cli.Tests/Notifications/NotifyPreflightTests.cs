using DeployVerifier.Checklists;
using DeployVerifier.Cli.Notifications;

namespace DeployVerifier.Notifications;

[TestClass]
public sealed class NotifyPreflightTests
{
    private static readonly HashSet<NotifyEvent> Events = [NotifyEvent.Verdict];

    [TestMethod]
    public async Task Problems_UnsetVariableAndUnresolvableHost_AreNamedWithoutTheSecret()
    {
        var settings = new NotifySettings
        {
            Slack = new ChatTarget("SLACK_URL", Events, TimeSpan.FromSeconds(5)),
            Teams = new ChatTarget("TEAMS_URL", Events, TimeSpan.FromSeconds(5)),
        };
        var environment = new Dictionary<string, string> { ["TEAMS_URL"] = "http://no-such-host.invalid/workflows/SECRET12345" };

        var problems = await NotifyPreflight.ProblemsAsync(settings, environment.GetValueOrDefault, CancellationToken.None);

        Assert.HasCount(2, problems, string.Join("\n", problems));
        StringAssert.Contains(problems[0], "environment variable SLACK_URL is not set");
        StringAssert.Contains(problems[1], "notify.teams: host no-such-host.invalid");
        Assert.IsFalse(problems.Any(p => p.Contains("SECRET12345", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Problems_EverythingSetAndOnLoopback_None()
    {
        var settings = new NotifySettings { Slack = new ChatTarget("SLACK_URL", Events, TimeSpan.FromSeconds(5)) };
        var environment = new Dictionary<string, string> { ["SLACK_URL"] = "http://127.0.0.1:9/services/T0/B0/x" };

        Assert.IsEmpty(await NotifyPreflight.ProblemsAsync(settings, environment.GetValueOrDefault, CancellationToken.None));
    }
}
