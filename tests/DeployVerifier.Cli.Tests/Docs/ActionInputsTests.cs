using System.Text.RegularExpressions;
using DeployVerifier.Support;
using YamlDotNet.RepresentationModel;

namespace DeployVerifier.Docs;

/// <summary>
/// The container action passes every input as <c>INPUT_&lt;NAME&gt;</c> and the CLI reads them itself, so the two lists
/// must match: an input the CLI never reads does nothing, and a variable it reads without an input can't be set from
/// a workflow's <c>with:</c>.
/// </summary>
[TestClass]
public sealed partial class ActionInputsTests
{
    private static Dictionary<string, YamlMappingNode> Inputs()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryFiles.Path("action.yml"))));
        var inputs = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["inputs"];
        return inputs.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (YamlMappingNode)c.Value, StringComparer.Ordinal);
    }

    /// <summary>Every <c>"INPUT_…"</c> literal in the CLI's source, as the action's input name.</summary>
    private static SortedSet<string> ReadByTheCli() =>
        new(Directory.EnumerateFiles(RepositoryFiles.Path("src", "DeployVerifier.Cli"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => InputVariable().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.ToLowerInvariant())), StringComparer.Ordinal);

    [TestMethod]
    public void ActionInputs_AreExactlyTheInputVariablesTheCliReads()
    {
        var declared = new SortedSet<string>(Inputs().Keys, StringComparer.Ordinal);
        var read = ReadByTheCli();

        Assert.IsEmpty(read.Except(declared).ToList(), "read by the CLI but not inputs of action.yml: " + string.Join(", ", read.Except(declared)));
        Assert.IsEmpty(declared.Except(read).ToList(), "inputs of action.yml the CLI never reads: " + string.Join(", ", declared.Except(read)));
    }

    [TestMethod]
    [DataRow("dry-run")]
    [DataRow("no-rollback")]
    [DataRow("no-notify")]
    public void ActionInputs_Switches_AreOptionalFalseByDefaultAndDescribed(string name)
    {
        var input = Inputs()[name];

        Assert.AreEqual("false", ((YamlScalarNode)input["required"]).Value, $"{name}: required");
        Assert.AreEqual("false", ((YamlScalarNode)input["default"]).Value, $"{name}: default");
        Assert.IsGreaterThan(20, ((YamlScalarNode)input["description"]).Value!.Length, $"{name} has no description worth the name");
    }

    [GeneratedRegex(@"""INPUT_([A-Z0-9-]+)""")]
    private static partial Regex InputVariable();
}
