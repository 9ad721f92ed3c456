using System.Text;
using DeployVerifier.Cli;
using DeployVerifier.Cli.Commands;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Options;
using DeployVerifier.Integration;
using DeployVerifier.Support;

namespace DeployVerifier.Golden;

/// <summary>
/// <c>validate --offline</c>'s whole output (exit code, standard output and error, byte for byte) on every example checklist and
/// on 1,000 mutations of them (the fuzz test's, with their own seed), against <c>validate.golden.txt</c>: a refactoring
/// of the checklist's validation must not change one message or location. After a deliberate change, regenerate the
/// file with <c>DV_UPDATE_GOLDEN=1</c> and read its diff.
/// </summary>
[TestClass]
public sealed class ValidateGoldenTests
{
    private const int Seed = 20261207;
    private const int Mutations = 1000;

    private static string GoldenPath => RepositoryFiles.Path("tests", "DeployVerifier.Cli.Tests", "Golden", "validate.golden.txt");

    [TestMethod]
    public async Task Validate_ExamplesAndMutations_OutputIsTheGoldenOne()
    {
        var random = new Random(Seed);
        var examples = ChecklistFuzzTests.Examples();
        var directory = Directory.CreateTempSubdirectory("dv-golden-").FullName;
        var actual = new StringBuilder();
        try
        {
            var cases = examples.Select((e, i) => ($"example {i}", e.Yaml, e.Vars))
                .Concat(Enumerable.Range(0, Mutations).Select(run =>
                {
                    var (yaml, vars) = examples[run % examples.Count];
                    return ($"mutation {run}", ChecklistFuzzTests.Mutate(yaml, random), vars);
                }));
            foreach (var (name, yaml, vars) in cases)
            {
                var path = Path.Combine(directory, "c.yml");
                await File.WriteAllTextAsync(path, yaml);
                var output = new StringWriter();
                var error = new StringWriter();
                var context = new CliContext(new DictionaryEnvironment(new Dictionary<string, string>()), TimeProvider.System, output, error);
                var code = await new ValidateCommand(context).RunAsync(new ValidateOptions { Checklist = path, Vars = vars, Offline = true }, default);
                actual.Append(CultureInfoInvariant($"=== {name}: exit {(int)code}\n"))
                    .Append(output.ToString().Replace(directory, "<dir>", StringComparison.Ordinal))
                    .Append(error.ToString().Replace(directory, "<dir>", StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        var text = actual.ToString().ReplaceLineEndings("\n");
        if (System.Environment.GetEnvironmentVariable("DV_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(GoldenPath, text);
            return;
        }

        var golden = (await File.ReadAllTextAsync(GoldenPath)).ReplaceLineEndings("\n");
        if (golden != text)
        {
            var (g, a) = (golden.Split('\n'), text.Split('\n'));
            var first = Enumerable.Range(0, Math.Min(g.Length, a.Length)).FirstOrDefault(i => g[i] != a[i], Math.Min(g.Length, a.Length));
            var header = g.Take(first + 1).LastOrDefault(l => l.StartsWith("=== ", StringComparison.Ordinal));
            Assert.Fail($"validate's output differs from {GoldenPath} at line {first + 1} ({header}):\n"
                + $"golden: {(first < g.Length ? g[first] : "<end>")}\nnow:    {(first < a.Length ? a[first] : "<end>")}");
        }
    }

    private static string CultureInfoInvariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
