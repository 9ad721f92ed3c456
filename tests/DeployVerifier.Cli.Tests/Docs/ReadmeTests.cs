using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeployVerifier.Checklists;
using DeployVerifier.Cli;
using DeployVerifier.Cli.Commands;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Options;
using DeployVerifier.Support;
using YamlDotNet.RepresentationModel;

namespace DeployVerifier.Docs;

/// <summary>
/// The README is what a team copies from, so what it shows must work: its checklist validates, its GitHub and Azure
/// steps parse and match the examples, its links lead somewhere, it stays one screen. The docs pages it links to are
/// held to their links, their length and the checklist's keys and defaults.
/// </summary>
[TestClass]
public sealed partial class ReadmeTests
{
    private const int MaxReadmeLines = 250;
    private const int MaxDocsPageLines = 400;

    private static string Readme => File.ReadAllText(RepositoryFiles.Path("README.md"));

    [TestMethod]
    public void Readme_Length_IsAtMost250Lines()
    {
        var lines = Readme.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length;

        Assert.IsLessThanOrEqualTo(MaxReadmeLines, lines, $"README.md has {lines} lines; move the detail under docs/");
    }

    [TestMethod]
    public void Readme_FirstShellBlock_HoldsTheRunAndTestCommands()
    {
        var block = CodeBlocks(Readme).FirstOrDefault(b => b.Language == "sh");

        Assert.IsNotNull(block, "README.md has no ```sh block");
        Assert.IsLessThanOrEqualTo(40, block.Line, "the commands' block should be near the top");
        var commands = block.Text.Split('\n').Select(l => l.Split('#')[0].Trim()).ToList();
        CollectionAssert.Contains(commands, "examples/local/run.sh", $"the first sh block (line {block.Line}) lacks examples/local/run.sh");
        CollectionAssert.Contains(commands, "scripts/test.sh", $"the first sh block (line {block.Line}) lacks scripts/test.sh");
        Assert.IsTrue(File.Exists(RepositoryFiles.Path("examples", "local", "run.sh")), "examples/local/run.sh does not exist");
        Assert.IsTrue(File.Exists(RepositoryFiles.Path("scripts", "test.sh")), "scripts/test.sh does not exist");
    }

    [TestMethod]
    public async Task Readme_Checklist_Validates()
    {
        var block = SingleYamlBlock(b => Regex.IsMatch(b.Text, "^checks:", RegexOptions.Multiline), "the checklist (a top-level 'checks:')");
        Assert.IsLessThanOrEqualTo(30, block.Text.Split('\n').Length, "the README's checklist should stay short: the full one is in examples/");
        var directory = Directory.CreateTempSubdirectory("dv-readme-").FullName;
        try
        {
            var path = Path.Combine(directory, "checks.yml");
            await File.WriteAllTextAsync(path, block.Text);
            var output = new StringWriter();
            var error = new StringWriter();
            var context = new CliContext(new DictionaryEnvironment(new Dictionary<string, string>()), TimeProvider.System, output, error);

            var code = await new ValidateCommand(context).RunAsync(
                new ValidateOptions { Checklist = path, Vars = ["namespace=shop", "workload=checkout"], Offline = true }, default);

            Assert.AreEqual(ExitCode.Passed, code, $"validate refused the README's checklist:\n{output}{error}");
            StringAssert.Contains(output.ToString(), "valid, 3 checks");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Readme_GitHubStep_IsOneStepOfTheExamplesAction()
    {
        var block = SingleYamlBlock(b => b.Text.Contains("uses:", StringComparison.Ordinal), "the GitHub Actions step (with 'uses:')");
        var step = OnlyStep(block);

        var uses = Scalar(step, "uses");
        var examples = Directory.EnumerateFiles(RepositoryFiles.Path("examples", "github"), "*.yml")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"^\s*(?:-\s+)?(?:uses|image):\s*(\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value))
            .Where(v => v.Contains("deploy-verifier", StringComparison.Ordinal))
            .SelectMany(v => v.Contains('@', StringComparison.Ordinal) ? new[] { v } : [v, "docker://" + v])
            .ToHashSet(StringComparer.Ordinal);
        Assert.IsNotEmpty(examples, "examples/github/*.yml name no deploy-verifier action or image");
        Assert.IsTrue(examples.Contains(uses), $"the README's step uses '{uses}', the examples use {string.Join(", ", examples)}");

        var inputs = ((YamlMappingNode)Yaml(File.ReadAllText(RepositoryFiles.Path("action.yml")))["inputs"]).Children.Keys
            .Select(k => ((YamlScalarNode)k).Value!).ToHashSet(StringComparer.Ordinal);
        var with = (YamlMappingNode)step["with"];
        foreach (var (key, value) in with.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            Assert.IsTrue(inputs.Contains(name), $"with.{name} is not an input of action.yml");
            Assert.DoesNotContain("secrets.", ((YamlScalarNode)value).Value!, $"with.{name}: a secret goes through env:, never an input");
        }

        Assert.IsTrue(inputs.Contains("checklist") && with.Children.ContainsKey(new YamlScalarNode("checklist")), "the step gives no checklist");
        var env = (YamlMappingNode)step["env"];
        Assert.IsNotEmpty(env.Children, "the step shows no secret passed through env:");
        foreach (var (key, value) in env.Children)
        {
            StringAssert.Matches(((YamlScalarNode)value).Value!, new Regex(@"^\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$"),
                $"env.{((YamlScalarNode)key).Value} should come from secrets");
        }
    }

    [TestMethod]
    public void Readme_AzureStep_RunsTheExamplesImageAndPassesSecretsByName()
    {
        var block = SingleYamlBlock(b => b.Text.Contains("docker run", StringComparison.Ordinal), "the Azure DevOps step (with 'docker run')");
        var step = OnlyStep(block);

        var script = Scalar(step, "script");
        var pipeline = Yaml(File.ReadAllText(RepositoryFiles.Path("examples", "azure", "azure-pipelines.yml")));
        var image = Scalar((YamlMappingNode)pipeline["variables"], "deployVerifierImage");
        StringAssert.Contains(script, $" {image} verify ", "the README's step should run the image the example pipeline runs");
        StringAssert.Contains(script, "--checklist ");

        var env = (YamlMappingNode)step["env"];
        Assert.IsNotEmpty(env.Children, "the step maps no secret through env:");
        foreach (var key in env.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
        {
            StringAssert.Matches(script, new Regex($@"-e {Regex.Escape(key)}(\s|\\)"), $"env.{key} is mapped but not passed to the container by name (-e {key})");
            Assert.DoesNotContain($"$({key})", script, $"{key} is a secret: pass it by name, never on the command line");
        }
    }

    [TestMethod]
    public void Readme_ExitCodeTable_NamesEveryExitCode()
    {
        var table = Regex.Matches(Readme, @"^\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|\s*$", RegexOptions.Multiline)
            .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value);

        CollectionAssert.AreEquivalent(Enum.GetValues<ExitCode>().Select(c => (int)c).ToList(), table.Keys.ToList());
        StringAssert.StartsWith(table[(int)ExitCode.Passed], "passed");
        StringAssert.StartsWith(table[(int)ExitCode.Failed], "failed");
        StringAssert.StartsWith(table[(int)ExitCode.InvalidInput], "invalid input");
        StringAssert.StartsWith(table[(int)ExitCode.Inconclusive], "inconclusive");
        StringAssert.Contains(table[(int)ExitCode.Inconclusive], "--inconclusive warn");
        StringAssert.StartsWith(table[(int)ExitCode.InternalError], "internal error");
    }

    [TestMethod]
    public void ReadmeAndDocs_RelativeLinks_LeadToExistingFilesAndHeadings()
    {
        var broken = new List<string>();
        foreach (var file in MarkdownFiles())
        {
            var text = WithoutCodeBlocks(File.ReadAllText(file));
            foreach (Match link in LinkPattern().Matches(text))
            {
                var target = link.Groups[1].Value;
                if (Regex.IsMatch(target, "^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase))
                {
                    continue;
                }

                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var (path, anchor) = hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
                var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
                var where = $"{Path.GetRelativePath(RepositoryFiles.Root, file)}: ({target})";
                if (!File.Exists(resolved) && !Directory.Exists(resolved))
                {
                    broken.Add($"{where}: no such file");
                }
                else if (anchor is not null && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(resolved)).Contains(anchor))
                {
                    broken.Add($"{where}: no heading '#{anchor}'");
                }
            }
        }

        Assert.IsEmpty(broken, "broken links:\n" + string.Join("\n", broken));
    }

    [TestMethod]
    public void Docs_EveryPage_IsAtMost400LinesAndInTheIndex()
    {
        var index = File.ReadAllText(RepositoryFiles.Path("docs", "README.md"));
        var pages = Directory.EnumerateFiles(RepositoryFiles.Path("docs"), "*.md").Select(Path.GetFileName).Where(n => n != "README.md").ToList();

        Assert.IsGreaterThanOrEqualTo(10, pages.Count, "docs/ holds fewer pages than the README links");
        foreach (var page in pages)
        {
            var lines = File.ReadAllText(RepositoryFiles.Path("docs", page!)).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length;
            Assert.IsLessThanOrEqualTo(MaxDocsPageLines, lines, $"docs/{page} has {lines} lines");
            StringAssert.Contains(index, $"]({page})", $"docs/README.md does not link docs/{page}");
            StringAssert.Contains(Readme, $"](docs/{page}", $"README.md does not link docs/{page}");
        }
    }

    [TestMethod]
    public void Docs_ChecklistReference_NamesEveryKey()
    {
        var reference = string.Join("\n", new[] { "checklist.md", "rollback.md", "notifications.md" }.Select(p => File.ReadAllText(RepositoryFiles.Path("docs", p))));
        var lines = reference.Split('\n');
        var missing = new List<string>();
        foreach (var (section, keys) in ChecklistKeys.Sections)
        {
            // Alertmanager's basicAuth takes the same keys as prometheus.basicAuth; the reference says so once.
            if (section == "notify.alertmanager.basicAuth")
            {
                continue;
            }

            foreach (var key in keys)
            {
                var named = section.Length == 0
                    ? reference.Contains($"`{key}`", StringComparison.Ordinal)
                    : reference.Contains($"`{section}.{key}`", StringComparison.Ordinal)
                        || reference.Contains($"`{section}.{key}.", StringComparison.Ordinal)
                        || lines.Any(l => l.Contains($"`{section}", StringComparison.Ordinal)
                            && (l.Contains($"`.{key}`", StringComparison.Ordinal) || l.Contains($"`{key}`", StringComparison.Ordinal)));
                if (!named)
                {
                    missing.Add(section.Length == 0 ? key : $"{section}.{key}");
                }
            }
        }

        Assert.IsEmpty(missing, "keys the docs do not name: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void Docs_ChecklistReference_DefaultsAreTheSchemas()
    {
        var reference = string.Join("\n", new[] { "checklist.md", "rollback.md", "notifications.md" }.Select(p => File.ReadAllText(RepositoryFiles.Path("docs", p))));
        var rows = reference.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => CellSeparator().Split(l.Trim().Trim('|')).Select(c => c.Trim()).ToArray())
            .Where(c => c.Length >= 4)
            .ToList();
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("schemas", "checklist.schema.json")));
        var defaults = new List<(string Path, JsonElement Value)>();
        CollectDefaults(schema.RootElement, "", defaults);
        var wrong = new List<string>();
        var compared = 0;
        foreach (var (path, value) in defaults)
        {
            var expected = value.ValueKind switch
            {
                JsonValueKind.String => [value.GetString()!],
                JsonValueKind.Number => [value.GetRawText()],
                JsonValueKind.True or JsonValueKind.False => [value.GetRawText()],
                JsonValueKind.Array => value.EnumerateArray().Select(v => v.GetString()!).ToArray(),
                _ => Array.Empty<string>(),
            };
            if (expected.Length == 0)
            {
                continue; // {} and []: "none"
            }

            var row = RowOf(rows, path) ?? RowOf(rows, path[..path.LastIndexOf('.')]);
            if (row is null)
            {
                wrong.Add($"{path}: no row in the reference");
                continue;
            }

            compared++;
            foreach (var v in expected.Where(v => !row[2].Contains($"`{v}`", StringComparison.Ordinal)))
            {
                wrong.Add($"{path}: the schema's default is {v}, the reference says {row[2]}");
            }
        }

        Assert.IsGreaterThanOrEqualTo(40, compared, "too few defaults were compared: the schema walk or the rows' shape changed");
        Assert.IsEmpty(wrong, string.Join("\n", wrong));
    }

    private static string[]? RowOf(List<string[]> rows, string path) =>
        rows.FirstOrDefault(r => r[0].Contains($"`{path}`", StringComparison.Ordinal));

    /// <summary>Every <c>default</c> of the schema by key path (<c>soak.duration</c>, <c>checks[].tolerance</c>).</summary>
    private static void CollectDefaults(JsonElement node, string path, List<(string, JsonElement)> into)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (node.TryGetProperty("default", out var value) && path.Length > 0)
        {
            into.Add((path, value));
        }

        if (node.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                CollectDefaults(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", into);
            }
        }

        if (node.TryGetProperty("items", out var items))
        {
            CollectDefaults(items, path + "[]", into);
        }

        if (node.TryGetProperty("$defs", out var definitions))
        {
            foreach (var definition in definitions.EnumerateObject())
            {
                var at = definition.Name switch
                {
                    "check" => new[] { "checks[]" },
                    "chatTarget" => ["notify.slack", "notify.teams"],
                    _ => [],
                };
                foreach (var prefix in at)
                {
                    CollectDefaults(definition.Value, prefix, into);
                }
            }
        }
    }

    private static IEnumerable<string> MarkdownFiles() =>
        new[] { RepositoryFiles.Path("README.md"), RepositoryFiles.Path("CHANGELOG.md") }
            .Concat(Directory.EnumerateFiles(RepositoryFiles.Path("docs"), "*.md").Order(StringComparer.Ordinal));

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Regex.Matches(WithoutCodeBlocks(markdown), @"^#{1,6}\s+(.+?)\s*#*\s*$", RegexOptions.Multiline))
        {
            var slug = Regex.Replace(heading.Groups[1].Value.ToLowerInvariant(), @"[^\p{L}\p{Nd}\s_-]", "").Replace(' ', '-');
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++)
            {
                unique = $"{slug}-{n}";
            }
        }

        return anchors;
    }

    private static string WithoutCodeBlocks(string markdown) =>
        Regex.Replace(markdown.ReplaceLineEndings("\n"), @"^```.*?^```[ \t]*$", "", RegexOptions.Multiline | RegexOptions.Singleline);

    private sealed record CodeBlock(string Language, string Text, int Line);

    private static List<CodeBlock> CodeBlocks(string markdown)
    {
        var text = markdown.ReplaceLineEndings("\n");
        return [.. Regex.Matches(text, @"^```(\w*)\n(.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(m => new CodeBlock(m.Groups[1].Value, m.Groups[2].Value, text[..m.Index].Count(c => c == '\n') + 1))];
    }

    private static CodeBlock SingleYamlBlock(Func<CodeBlock, bool> which, string what)
    {
        var blocks = CodeBlocks(Readme).Where(b => b.Language == "yaml" && which(b)).ToList();
        Assert.HasCount(1, blocks, $"README.md should show exactly one yaml block for {what}");
        return blocks[0];
    }

    private static YamlNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }

    /// <summary>The block parsed as YAML: a list of exactly one step, a mapping.</summary>
    private static YamlMappingNode OnlyStep(CodeBlock block)
    {
        var root = Yaml(block.Text);
        Assert.IsInstanceOfType<YamlSequenceNode>(root, $"the block at README.md line {block.Line} is not a list of steps");
        var steps = (YamlSequenceNode)root;
        Assert.HasCount(1, steps.Children, $"the block at README.md line {block.Line} should hold one step");
        Assert.IsInstanceOfType<YamlMappingNode>(steps.Children[0]);
        return (YamlMappingNode)steps.Children[0];
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { } text }
            ? text
            : throw new AssertFailedException($"no '{key}' scalar in {node}");

    [GeneratedRegex(@"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();
}
