using System.Text.RegularExpressions;
using DeployVerifier.Support;
using YamlDotNet.RepresentationModel;

namespace DeployVerifier.Docs;

/// <summary>
/// The CI examples are copied as they are, so they must show the safe way: least-privilege GitHub token permissions
/// (each write permission with a comment saying why; the repository written only by a job that runs no deploy-verifier
/// and sees no secret), secrets only through <c>env:</c>, the action's declared inputs only, an immutable image
/// reference, a registry login before Azure pulls the image, and the local example checklist catching every release
/// <c>run.sh</c> lists as a failure.
/// </summary>
[TestClass]
public sealed partial class CiExamplesTests
{
    private static IEnumerable<string> GitHubWorkflows() =>
        Directory.EnumerateFiles(RepositoryFiles.Path("examples", "github"), "*.yml").Order(StringComparer.Ordinal);

    private static string AzurePipelinePath => RepositoryFiles.Path("examples", "azure", "azure-pipelines.yml");

    [TestMethod]
    public void GitHubExamples_EveryJob_HasLeastPrivilegePermissions()
    {
        foreach (var file in GitHubWorkflows())
        {
            var name = Path.GetFileName(file);
            var jobs = (YamlMappingNode)Root(File.ReadAllText(file))["jobs"];
            foreach (var (key, value) in jobs.Children)
            {
                var job = (YamlMappingNode)value;
                var where = $"{name}: jobs.{((YamlScalarNode)key).Value}";
                Assert.IsTrue(job.Children.TryGetValue(new YamlScalarNode("permissions"), out var node) && node is YamlMappingNode,
                    $"{where} declares no permissions: the token would get the repository's defaults");
                var permissions = ((YamlMappingNode)node!).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);
                Assert.IsFalse(permissions.ContainsKey("actions") && permissions["actions"] == "write",
                    $"{where} grants actions: write, which only a rollback.githubWorkflow dispatch needs");
                // Writing the repository (tune.yml's pull request) is for a job that neither runs deploy-verifier nor sees a
                // secret: the write token and the Prometheus credentials never share a job.
                if (permissions.GetValueOrDefault("contents", "read") != "read")
                {
                    var scalars = Scalars(job, []).Select(s => s.Value).ToList();
                    Assert.IsFalse(job.Children.ContainsKey(new YamlScalarNode("container")) || scalars.Any(v => RunsDeployVerifier().IsMatch(v)),
                        $"{where} may write the repository's contents and runs deploy-verifier");
                    Assert.IsFalse(scalars.Any(v => Regex.IsMatch(v, @"\bsecrets\.")), $"{where} may write the repository's contents and sees a secret");
                }
            }

            // Every write permission says, in a comment on its line, which step needs it.
            foreach (Match line in Regex.Matches(File.ReadAllText(file), @"^\s+[a-z-]+:\s*write\b.*$", RegexOptions.Multiline))
            {
                StringAssert.Contains(line.Value, "#", $"{name}: '{line.Value.Trim()}' does not say why it is needed");
            }
        }
    }

    [TestMethod]
    public void GitHubExamples_Secrets_OnlyThroughEnv()
    {
        foreach (var file in GitHubWorkflows())
        {
            var outsideEnv = Scalars(Root(File.ReadAllText(file)), [])
                .Where(s => Regex.IsMatch(s.Value, @"\bsecrets\.") && !s.Path.Contains("env"))
                .Select(s => string.Join(".", s.Path))
                .ToList();
            Assert.IsEmpty(outsideEnv, $"{Path.GetFileName(file)}: a secret outside env: at {string.Join(", ", outsideEnv)}");
        }

        var verify = VerifyStep();
        var env = (YamlMappingNode)verify["env"];
        var secrets = env.Children.Values.OfType<YamlScalarNode>().Count(v => Regex.IsMatch(v.Value!, @"^\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$"));
        Assert.IsGreaterThanOrEqualTo(1, secrets, "verify.yml shows no secret passed to the action through env:");
    }

    [TestMethod]
    public void GitHubVerify_WithKeys_AreDeclaredInputsOfTheAction()
    {
        var inputs = ((YamlMappingNode)Root(File.ReadAllText(RepositoryFiles.Path("action.yml")))["inputs"]).Children.Keys
            .Select(k => ((YamlScalarNode)k).Value!).ToHashSet(StringComparer.Ordinal);
        var with = (YamlMappingNode)VerifyStep()["with"];
        foreach (var key in with.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
        {
            Assert.IsTrue(inputs.Contains(key), $"verify.yml: with.{key} is not an input of action.yml");
        }

        Assert.IsTrue(with.Children.ContainsKey(new YamlScalarNode("dry-run")), "verify.yml does not show the dry-run input");
    }

    [TestMethod]
    public void Examples_Images_AreImmutableReferences()
    {
        var files = GitHubWorkflows().Append(AzurePipelinePath)
            .Append(RepositoryFiles.Path("README.md")).Concat(Directory.EnumerateFiles(RepositoryFiles.Path("docs"), "*.md"));
        var mutable = files
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"ghcr\.io/[\w.-]+/deploy-verifier(?::[\w.-]+)?(?:@sha256:[<>\w]+)?")
                .Select(m => (File: Path.GetRelativePath(RepositoryFiles.Root, f), Image: m.Value)))
            .Where(i => !Regex.IsMatch(i.Image, @"(:\d+\.\d+\.\d+|@sha256:\S+)$"))
            .Select(i => $"{i.File}: {i.Image}")
            .ToList();
        Assert.IsEmpty(mutable, "images without a full version or digest (a tag like :1 moves):\n" + string.Join("\n", mutable));

        var image = ((YamlScalarNode)((YamlMappingNode)Root(File.ReadAllText(AzurePipelinePath))["variables"])["deployVerifierImage"]).Value!;
        StringAssert.Matches(image, new Regex(@"(:\d+\.\d+\.\d+|@sha256:\S+)$"), "azure-pipelines.yml: deployVerifierImage");
    }

    [TestMethod]
    public void AzureExample_LogsInBeforeRunningTheImage_AndMapsSecretsByName()
    {
        var stages = (YamlSequenceNode)Root(File.ReadAllText(AzurePipelinePath))["stages"];
        var stage = stages.Cast<YamlMappingNode>().Single(s => ((YamlScalarNode)s["stage"]).Value == "Verify");
        var job = (YamlMappingNode)((YamlSequenceNode)stage["jobs"])[0];
        var steps = ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>().ToList();

        var run = steps.FindIndex(s => s.Children.TryGetValue(new YamlScalarNode("script"), out var script) && ((YamlScalarNode)script).Value!.Contains("docker run", StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, run, "the Verify stage runs no docker run step");
        var login = steps.FindIndex(s => s.Children.TryGetValue(new YamlScalarNode("task"), out var task) && ((YamlScalarNode)task).Value!.StartsWith("Docker@", StringComparison.Ordinal)
            && ((YamlMappingNode)s["inputs"]).Children.TryGetValue(new YamlScalarNode("command"), out var command) && ((YamlScalarNode)command).Value == "login");
        Assert.IsGreaterThanOrEqualTo(0, login, "the Verify stage has no Docker@2 login step");
        Assert.IsLessThan(run, login, "the registry login must come before the docker run step");
        StringAssert.Matches(((YamlScalarNode)((YamlMappingNode)steps[login]["inputs"])["containerRegistry"]).Value!, new Regex(@"\S"), "the login names no service connection");

        var verify = steps[run];
        var script = ((YamlScalarNode)verify["script"]).Value!;
        var env = (YamlMappingNode)verify["env"];
        var names = env.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        CollectionAssert.Contains(names, "SLACK_WEBHOOK_URL", "no secret pipeline variable is mapped through env:");
        foreach (var (key, value) in env.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            StringAssert.Matches(((YamlScalarNode)value).Value!, new Regex(@"^\$\([\w.]+\)$"), $"env.{name} should map a (secret) variable");
            StringAssert.Matches(script, new Regex($@"-e {Regex.Escape(name)}(\s|\\)"), $"env.{name} is mapped but not passed to the container by name");
            Assert.DoesNotContain($"$({name})", script, $"{name} is a secret: pass it by name, never on the command line");
        }
    }

    [TestMethod]
    public void LocalExample_ChecklistHasALatencyCheck_ForTheShopLatencyRelease()
    {
        var runSh = File.ReadAllText(RepositoryFiles.Path("examples", "local", "run.sh"));
        StringAssert.Contains(runSh, "shop-latency", "run.sh no longer lists shop-latency: drop this test's premise too");
        var checks = (YamlSequenceNode)Root(File.ReadAllText(RepositoryFiles.Path("examples", "local", "checklist.yml")))["checks"];
        Assert.IsTrue(
            checks.Cast<YamlMappingNode>().Any(c => ((YamlScalarNode)c["query"]).Value!.Contains("http_request_duration_seconds_bucket", StringComparison.Ordinal)),
            "examples/local/checklist.yml has no check on the latency histogram, so shop-latency would pass");
    }

    private static YamlMappingNode VerifyStep()
    {
        var workflow = Root(File.ReadAllText(RepositoryFiles.Path("examples", "github", "verify.yml")));
        var steps = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)workflow["jobs"])["verify"])["steps"];
        return steps.Cast<YamlMappingNode>().Single(s => s.Children.TryGetValue(new YamlScalarNode("uses"), out var uses)
            && ((YamlScalarNode)uses).Value!.Contains("deploy-verifier", StringComparison.Ordinal));
    }

    private static IEnumerable<(string[] Path, string Value)> Scalars(YamlNode node, string[] path) => node switch
    {
        YamlScalarNode { Value: { } value } => [(path, value)],
        YamlMappingNode mapping => mapping.Children.SelectMany(c => Scalars(c.Value, [.. path, ((YamlScalarNode)c.Key).Value!])),
        YamlSequenceNode sequence => sequence.Children.SelectMany((c, i) => Scalars(c, [.. path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)])),
        _ => [],
    };

    private static YamlMappingNode Root(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>The image's CLI, the image, or the action.</summary>
    [GeneratedRegex(@"/app/deploy-verifier\b|ghcr\.io/[\w.-]+/deploy-verifier|^[\w.-]+/deploy-verifier@")]
    private static partial Regex RunsDeployVerifier();
}
