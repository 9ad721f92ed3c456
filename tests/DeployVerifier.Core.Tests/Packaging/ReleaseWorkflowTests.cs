using YamlDotNet.RepresentationModel;

namespace DeployVerifier.Packaging;

/// <summary>
/// The release workflow can't run here (no registry to push to): what can be checked is that it parses, has its jobs in
/// order, builds both architectures with an SBOM and provenance, passes the pinned base images and the tag's version,
/// and pins action.yml to the pushed digest.
/// </summary>
[TestClass]
public sealed class ReleaseWorkflowTests
{
    private static YamlMappingNode Workflow()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryFiles.Root, ".github", "workflows", "release.yml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string Text(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value!;

    private static YamlMappingNode Step(YamlMappingNode job, string uses) =>
        ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.OfType<YamlMappingNode>()
            .Single(s => s.Children.TryGetValue(new YamlScalarNode("uses"), out var u) && ((YamlScalarNode)u).Value!.StartsWith(uses, StringComparison.Ordinal));

    [TestMethod]
    public void Workflow_OnAVersionTag_TestsThenBuildsThenPins()
    {
        var workflow = Workflow();

        var tags = (YamlSequenceNode)Map(Map(workflow, "on"), "push").Children[new YamlScalarNode("tags")];
        Assert.AreEqual("v[0-9]+.[0-9]+.[0-9]+", ((YamlScalarNode)tags.Children[0]).Value);
        var jobs = Map(workflow, "jobs");
        CollectionAssert.AreEqual(new[] { "test", "image", "pin-action" }, jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToArray());
        Assert.AreEqual("test", Text(Map(jobs, "image"), "needs"));
        Assert.AreEqual("image", Text(Map(jobs, "pin-action"), "needs"));
        StringAssert.Contains(Text(Map(jobs, "test"), "runs-on"), "ubuntu");
    }

    [TestMethod]
    public void Image_BothArchitecturesWithSbomProvenanceAndTheTagsVersion()
    {
        var image = Map(Map(Workflow(), "jobs"), "image");
        var with = Map(Step(image, "docker/build-push-action"), "with");

        Assert.AreEqual("linux/amd64,linux/arm64", Text(with, "platforms"));
        Assert.AreEqual("true", Text(with, "sbom"));
        StringAssert.StartsWith(Text(with, "provenance"), "mode=");
        var args = Text(with, "build-args");
        StringAssert.Contains(args, "VERSION=${{ steps.version.outputs.version }}");
        StringAssert.Contains(args, "SDK_IMAGE=${{ env.SDK_IMAGE }}");
        var tags = Text(Map(Step(image, "docker/metadata-action"), "with"), "tags");
        foreach (var pattern in new[] { "{{version}}", "{{major}}.{{minor}}", "{{major}}" })
        {
            StringAssert.Contains(tags, $"pattern={pattern}");
        }
    }

    [TestMethod]
    public void PinnedBaseImages_AreTheDockerfilesDefaults()
    {
        var env = Map(Workflow(), "env");
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "Dockerfile"));

        foreach (var name in new[] { "SDK_IMAGE", "RUNTIME_IMAGE" })
        {
            var value = Text(env, name);
            StringAssert.Matches(value, new System.Text.RegularExpressions.Regex(@":\d+\.\d+\.\d+"), $"{name} is an exact version");
            StringAssert.Contains(dockerfile, $"ARG {name}={value}");
        }

        StringAssert.Contains(dockerfile, "FROM --platform=$BUILDPLATFORM");
        StringAssert.Contains(dockerfile, "linux-$(echo \"$TARGETARCH\"");
    }

    [TestMethod]
    public void PinAction_WritesTheDigestIntoActionYmlAndMovesTheMajorTag()
    {
        var pin = Map(Map(Workflow(), "jobs"), "pin-action");
        var run = ((YamlSequenceNode)pin.Children[new YamlScalarNode("steps")]).Children.OfType<YamlMappingNode>()
            .Select(s => s.Children.TryGetValue(new YamlScalarNode("run"), out var r) ? ((YamlScalarNode)r).Value! : "").Single(r => r.Length > 0);

        StringAssert.Contains(run, "docker://${IMAGE}@${DIGEST}");
        StringAssert.Contains(run, "action.yml");
        StringAssert.Contains(run, "git push --force origin \"v${VERSION}\" \"$major\"");
        Assert.AreEqual("write", Text(Map(pin, "permissions"), "contents"));
    }
}
