using System.Text.RegularExpressions;
using DeployVerifier.Integration;
using DeployVerifier.Support;
using YamlDotNet.RepresentationModel;

namespace DeployVerifier.Docs;

/// <summary>
/// <c>examples/github/tune.yml</c>, the weekly proposal: its triggers, its two write permissions and nothing else, its
/// secrets only through <c>env:</c>, a tune command line the CLI accepts (run here against a Prometheus that is not
/// there: exit 3), and its step going on to the pull request on exit 0 or 1 only.
/// </summary>
[TestClass]
public sealed class TuneExampleTests
{
    private static string Text => File.ReadAllText(RepositoryFiles.Path("examples", "github", "tune.yml"));

    private static YamlMappingNode Workflow
    {
        get
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Text));
            return (YamlMappingNode)stream.Documents[0].RootNode;
        }
    }

    private static YamlMappingNode Jobs => (YamlMappingNode)Workflow["jobs"];

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>();

    private static string? Run(YamlMappingNode step) => step.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? ((YamlScalarNode)run).Value : null;

    private static IEnumerable<string> Runs() => Jobs.Children.Values.Cast<YamlMappingNode>().SelectMany(Steps).Select(Run).OfType<string>();

    /// <summary>The step that runs <c>deploy-verifier tune</c>.</summary>
    private static YamlMappingNode TuneStep =>
        Jobs.Children.Values.Cast<YamlMappingNode>().SelectMany(Steps).Single(s => Run(s)?.Contains("/app/deploy-verifier tune ", StringComparison.Ordinal) == true);

    /// <summary>The tune command's arguments, from the verb to the end of the command (its line continuations joined).</summary>
    private static string[] TuneArguments()
    {
        var script = Run(TuneStep)!.Replace("\\\n", " ", StringComparison.Ordinal);
        var line = script.Split('\n').Single(l => l.Contains("/app/deploy-verifier tune ", StringComparison.Ordinal));
        var command = line[(line.IndexOf("/app/deploy-verifier ", StringComparison.Ordinal) + "/app/deploy-verifier ".Length)..].Split("||")[0];
        Assert.IsFalse(Regex.IsMatch(command, "[\"'$`;&|<>]"), $"the tune command is more than words, so splitting it on spaces would not give its arguments: {command}");
        return command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string ValueOf(string[] arguments, string flag)
    {
        var at = Array.IndexOf(arguments, flag);
        Assert.IsTrue(at >= 0 && at + 1 < arguments.Length, $"the tune command has no {flag} VALUE: {string.Join(' ', arguments)}");
        return arguments[at + 1];
    }

    private static Dictionary<string, string> Permissions(YamlMappingNode job) =>
        ((YamlMappingNode)job["permissions"]).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);

    [TestMethod]
    public void TuneExample_Triggers_AreAWeeklyScheduleAndWorkflowDispatch()
    {
        var on = (YamlMappingNode)Workflow["on"];

        CollectionAssert.AreEquivalent(new[] { "schedule", "workflow_dispatch" }, on.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList());
        var cron = ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)on["schedule"]).Single())["cron"]).Value!;
        StringAssert.Matches(cron, new Regex(@"^\d{1,2} \d{1,2} \* \* [0-6]$"), "once a week, at a fixed minute, hour and weekday");
    }

    [TestMethod]
    public void TuneExample_Permissions_AreContentsAndPullRequestsWrite_NothingElse()
    {
        Assert.IsFalse(Workflow.Children.ContainsKey(new YamlScalarNode("permissions")), "each job says what it needs; no workflow-wide grant");
        var jobs = Jobs.Children.ToDictionary(j => ((YamlScalarNode)j.Key).Value!, j => Permissions((YamlMappingNode)j.Value));
        var writing = jobs.Where(j => j.Value.ContainsValue("write")).ToList();

        Assert.HasCount(1, writing, "one job writes: the one that opens the pull request");
        CollectionAssert.AreEquivalent(new Dictionary<string, string> { ["contents"] = "write", ["pull-requests"] = "write" }, writing[0].Value);
        StringAssert.Contains(Run(Steps((YamlMappingNode)Jobs[writing[0].Key]).Last())!, "gh pr create", "the writing job opens the pull request");
        foreach (var (name, permissions) in jobs.Where(j => j.Key != writing[0].Key))
        {
            CollectionAssert.AreEquivalent(new Dictionary<string, string> { ["contents"] = "read" }, permissions, $"jobs.{name} only reads the repository");
        }

        // The comment at the top says the same.
        var header = string.Join("\n", Text.Split('\n').TakeWhile(l => l.StartsWith('#')));
        StringAssert.Contains(header, "`contents: write`");
        StringAssert.Contains(header, "`pull-requests: write`");
        StringAssert.Contains(header, "nothing else");
    }

    [TestMethod]
    public void TuneExample_Secrets_OnlyThroughEnv_NeverInARunScript()
    {
        var inRun = Runs().Where(r => Regex.IsMatch(r, @"\$\{\{\s*secrets\.")).ToList();
        Assert.IsEmpty(inRun, "a secret in a run: script's text:\n" + string.Join("\n---\n", inRun));

        var env = (YamlMappingNode)((YamlMappingNode)Jobs["tune"])["env"];
        var secrets = env.Children.Values.OfType<YamlScalarNode>().Count(v => Regex.IsMatch(v.Value!, @"^\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$"));
        Assert.IsGreaterThanOrEqualTo(1, secrets, "the tune job passes no bearer token through env:");
        Assert.IsTrue(env.Children.ContainsKey(new YamlScalarNode("PROMETHEUS_URL")), "the tune job gives no PROMETHEUS_URL");
    }

    [TestMethod]
    public void TuneExample_TuneCommand_WritesACopyOfTheLastThirtyDays_AndTheProposalReplacesTheChecklist()
    {
        var arguments = TuneArguments();
        var joined = string.Join(' ', arguments);

        Assert.AreEqual("tune", arguments[0]);
        StringAssert.Contains(joined, "--since 30d --label-rollbacks 2h --out ");
        var checklist = ValueOf(arguments, "--checklist");
        var copy = ValueOf(arguments, "--out");
        var summary = ValueOf(arguments, "--summary-md");
        Assert.AreNotEqual(Path.GetFullPath(checklist, "/w"), Path.GetFullPath(copy, "/w"), "--out is never the checklist (tune refuses it, exit 2)");

        // The proposal compares the copy with the checklist, puts it in its place, and carries the summary as the body.
        var propose = Runs().Single(r => r.Contains("gh pr create", StringComparison.Ordinal));
        StringAssert.Contains(propose, $"cmp -s {checklist} {copy}");
        StringAssert.Contains(propose, $"cp {copy} {checklist}");
        StringAssert.Contains(propose, $"head -c 60000 {summary}");
        StringAssert.Contains(propose, "--body-file");
    }

    [TestMethod]
    public async Task TuneExample_TuneCommand_IsAcceptedByTheCli_AndFailsOnlyOnTheStore()
    {
        var workspace = Directory.CreateTempSubdirectory("dv-tune-example-").FullName;
        try
        {
            var arguments = TuneArguments();
            File.Copy(RepositoryFiles.Path("examples", "kubernetes", "checklist.yml"), Path.Combine(workspace, ValueOf(arguments, "--checklist")));
            var environment = new Dictionary<string, string> { ["PROMETHEUS_URL"] = $"http://127.0.0.1:{StandInServer.FreePort()}/" };

            var result = await DeployVerifierProcess.RunAsync(arguments, environment, workspace);

            Assert.AreEqual(3, result.ExitCode, "every flag parsed, the checklist and its vars read; only Prometheus is missing: " + result);
            StringAssert.Contains(result.Error, "Prometheus could not be read");
            Assert.IsFalse(File.Exists(Path.Combine(workspace, ValueOf(arguments, "--out"))), "nothing is written");
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    [TestMethod]
    [DataRow(0, true, DisplayName = "0: all judged as labelled")]
    [DataRow(1, true, DisplayName = "1: some not separable, still proposed")]
    [DataRow(2, false, DisplayName = "2: invalid input")]
    [DataRow(3, false, DisplayName = "3: Prometheus could not be read")]
    public async Task TuneExample_TuneStep_GoesOnOnlyOnExit0Or1_AndKeepsTheExitCode(int exitCode, bool goesOn)
    {
        var workspace = Directory.CreateTempSubdirectory("dv-tune-step-").FullName;
        try
        {
            // A stand-in for the image's CLI that only exits as told.
            var cli = Path.Combine(workspace, "stand-in-cli.sh");
            File.WriteAllText(cli, $"exit {exitCode}\n");
            var output = Path.Combine(workspace, "github-output");

            var result = await WorkflowShell.RunAsync(workspace, Run(TuneStep)!, new Dictionary<string, string> { ["GITHUB_OUTPUT"] = output }, $"sh '{cli}'");

            Assert.AreEqual(goesOn, result.ExitCode == 0, $"tune exit {exitCode}: {result}");
            Assert.AreEqual($"exit-code={exitCode}", File.ReadAllText(output).Trim(), "the pull request's body tells exit 1 from exit 0");
            var outputs = (YamlMappingNode)((YamlMappingNode)Jobs["tune"])["outputs"];
            Assert.AreEqual($"${{{{ steps.{((YamlScalarNode)TuneStep["id"]).Value}.outputs.exit-code }}}}", ((YamlScalarNode)outputs["exit-code"]).Value);
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    [TestMethod]
    public void TuneExample_ProposeJob_NeedsTheTuneJob_AndReadsItsExitCodeThroughEnv()
    {
        var propose = Jobs.Children.Values.Cast<YamlMappingNode>().Single(j => Steps(j).Any(s => Run(s)?.Contains("gh pr create", StringComparison.Ordinal) == true));
        Assert.AreEqual("tune", ((YamlScalarNode)propose["needs"]).Value, "the proposal waits for tune, and is skipped when tune's job fails (exit 2 or 3)");
        Assert.IsFalse(propose.Children.ContainsKey(new YamlScalarNode("if")), "no if: always() or similar: a failed tune job proposes nothing");

        var step = Steps(propose).Single(s => Run(s)?.Contains("gh pr create", StringComparison.Ordinal) == true);
        var env = ((YamlMappingNode)step["env"]).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);
        Assert.AreEqual("${{ needs.tune.outputs.exit-code }}", env["TUNE_EXIT_CODE"]);
        Assert.AreEqual("${{ github.token }}", env["GH_TOKEN"]);
        Assert.DoesNotContain("${{", Run(step)!, "expressions reach the script through env:, never pasted into it");
    }
}
