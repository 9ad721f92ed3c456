using System.Text;
using System.Text.RegularExpressions;
using DeployVerifier.Cli;
using DeployVerifier.Cli.Commands;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Options;
using DeployVerifier.Support;

namespace DeployVerifier.Integration;

/// <summary>
/// Mutations of every example checklist, with a fixed seed, through <c>validate</c> and <c>verify</c> in process (a
/// stand-in Prometheus that answers every query with no data): exit 2 with a located message, or a legitimate verdict;
/// never an internal error, an escaped exception, a hang, or a rollback without a failed verdict.
/// </summary>
[TestClass]
public sealed partial class ChecklistFuzzTests
{
    private const int Seed = 20261129;
    private const int ValidateRuns = 1000;
    private const int VerifyRuns = 60;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Values that have broken parsers before: empties, nulls, huge and tiny durations, odd numbers, placeholders, flow syntax, control characters.</summary>
    private static readonly string[] Values =
    [
        "", "~", "null", "-1", "0", "1e309", "NaN", "-Inf", "10000y", "100y", "10ms", "0s", "1%", "101%", "512MiB", "\"\"", "\" \"",
        "${x}", "${releaseInstances}", "${sinceDeploy}", "${release}", "${verdictt}", "[", "]", "{", "{a: b}", "[1, [2, [3]]]", "&a x", "*a",
        "\"line\\nbreak\"", "\"tab\\there\"", "http://user:pass@host:9090", "not a url", "ftp://x", "\"é€\\u0000\"", "yes", "true", "False",
        "label_replace(up, \"a\", \"${x}\", \"b\", \"(.*)\")", "up[5m]", "sum(rate(x[5m]))", new string('a', 5000), "2024-08-16T13:45:00Z",
    ];

    private static readonly string[] Keys =
    [
        "prometheus", "url", "timeout", "headers", "release", "releases", "label", "instances", "instanceLabel", "soak", "duration",
        "interval", "warmUp", "ingestionLag", "maxConsecutiveErrors", "vars", "checks", "name", "query", "type", "min", "max", "unit",
        "tolerance", "noData", "perSeries", "minSeriesAge", "evidence", "minSamples", "baseline", "window", "maxFactor", "trend", "limit",
        "limitQuery", "horizon", "floorWindow", "resolution", "budget", "maxFailingShare", "failureLimit", "rollback", "command", "program",
        "args", "passEnv", "webhook", "body", "method", "githubWorkflow", "azurePipeline", "unknownKey",
    ];

    /// <summary>
    /// Every query gets one series, one sample at the deploy, valued at the deploy's unix time: enough for the release
    /// section to find a release and its instance, and for checks to reach a verdict (mostly inconclusive: no data after it).
    /// </summary>
    private const string Series =
        "{\"metric\":{\"namespace\":\"shop\",\"replicaset\":\"checkout-7f\",\"pod\":\"checkout-7f-x2\",\"version\":\"1.4.2\",\"job\":\"api\",\"instance\":\"10.0.0.11:8080\"},";

    private const string Matrix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + Series + "\"values\":[[1723815900,\"1723815900\"]]}]}}";

    private const string Vector = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + Series + "\"value\":[1723815900,\"1723815900\"]}]}}";

    [GeneratedRegex(@":\d+:\d+: ", RegexOptions.CultureInvariant)]
    private static partial Regex Located();

    /// <summary>Every example checklist with the <c>--var</c> values its required variables need.</summary>
    internal static List<(string Yaml, string[] Vars)> Examples() =>
    [
        .. Directory.EnumerateFiles(RepositoryFiles.Path("examples"), "checklist.yml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (File.ReadAllText(path), path.Contains($"{Path.DirectorySeparatorChar}vm{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? new[] { "job=api" }
                : ["namespace=shop", "workload=checkout"])),
    ];

    /// <summary>One to three edits of a line: a value replaced, a key renamed, a line dropped, doubled, re-indented or cut short.</summary>
    internal static string Mutate(string yaml, Random random)
    {
        var lines = yaml.Split('\n').ToList();
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits && lines.Count > 0; e++)
        {
            var i = random.Next(lines.Count);
            var line = lines[i];
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            switch (random.Next(8))
            {
                case 0 when colon > 0:
                    lines[i] = line[..(colon + 2)] + Values[random.Next(Values.Length)];
                    break;
                case 1 when colon > 0:
                    var indent = line.Length - line.TrimStart().Length;
                    lines[i] = line[..indent] + (line[indent] == '-' ? "- " : "") + Keys[random.Next(Keys.Length)] + line[colon..];
                    break;
                case 2:
                    lines.RemoveAt(i);
                    break;
                case 3:
                    lines.Insert(i, line);
                    break;
                case 4:
                    lines[i] = new string(' ', random.Next(8)) + line.TrimStart();
                    break;
                case 5:
                    lines[i] = line[..random.Next(line.Length + 1)];
                    break;
                case 6:
                    lines.Insert(i, new string(' ', 2 * random.Next(4)) + Keys[random.Next(Keys.Length)] + ": " + Values[random.Next(Values.Length)]);
                    break;
                default:
                    lines = lines.Take(i).ToList();
                    break;
            }
        }

        return string.Join('\n', lines);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string directory, Func<CliContext, Task<ExitCode>> command)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // The secrets the examples read from the environment (the Argo Rollouts one's bearer token) are set, as a real job sets them.
        var environment = new Dictionary<string, string> { ["PROMETHEUS_TOKEN"] = "fuzz-token" };
        var context = new CliContext(new DictionaryEnvironment(environment), TimeProvider.System, output, error);
        var code = await command(context).WaitAsync(RunTimeout);
        context.Output.Flush();
        context.Error.Flush();
        return ((int)code, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task Validate_MutatedExamples_ExitValidOrLocatedInvalidInput()
    {
        var random = new Random(Seed);
        var examples = Examples();
        var directory = Directory.CreateTempSubdirectory("dv-fuzz-").FullName;
        var codes = new Dictionary<int, int>();
        try
        {
            for (var run = 0; run < ValidateRuns; run++)
            {
                var (example, vars) = examples[run % examples.Count];
                var yaml = Mutate(example, random);
                var path = Path.Combine(directory, "c.yml");
                await File.WriteAllTextAsync(path, yaml);
                var (code, _, error) = await RunAsync(directory, context =>
                    new ValidateCommand(context).RunAsync(new ValidateOptions { Checklist = path, Vars = vars, Offline = true }, default));

                codes[code] = codes.GetValueOrDefault(code) + 1;
                Assert.IsTrue(code is 0 or 2, $"run {run}: exit {code}\n{error}\n--- checklist ---\n{yaml}");
                if (code == 2)
                {
                    Assert.IsTrue(error.Split('\n').Any(l => l.StartsWith("error: ", StringComparison.Ordinal) && Located().IsMatch(l)),
                        $"run {run}: no located error\n{error}\n--- checklist ---\n{yaml}");
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        var spread = string.Join(", ", codes.Select(c => $"exit {c.Key}: {c.Value}"));
        Assert.IsGreaterThan(ValidateRuns / 10, codes.GetValueOrDefault(2), "the mutations reach the loader's errors: " + spread);
        Assert.IsGreaterThan(ValidateRuns / 10, codes.GetValueOrDefault(0), "and some stay valid: " + spread);
    }

    [TestMethod]
    public async Task Verify_MutatedExamples_NeverAnInternalErrorNorARollbackWithoutAFailure()
    {
        var random = new Random(Seed + 1);
        var examples = Examples();
        var directory = Directory.CreateTempSubdirectory("dv-fuzz-verify-").FullName;
        var codes = new Dictionary<int, int>();
        var lastInvalid = "";
        using var prometheus = new StandInServer(path => path.Contains("/-/ready", StringComparison.Ordinal)
            ? (200, "ready")
            : (200, path.Contains("query_range", StringComparison.Ordinal) ? Matrix : Vector));
        try
        {
            for (var run = 0; run < VerifyRuns; run++)
            {
                var (example, vars) = examples[run % examples.Count];
                var yaml = Mutate(example, random);
                var path = Path.Combine(directory, "c.yml");
                await File.WriteAllTextAsync(path, yaml);
                var options = new VerifyOptions
                {
                    Checklist = path,
                    PrometheusUrl = prometheus.Url.ToString(),
                    DeployedAt = "2024-08-16T13:45:00Z",
                    Soak = "15m",
                    Vars = vars,
                    ReportJson = Path.Combine(directory, "report.json"),
                };
                var (code, output, error) = await RunAsync(directory, context => new VerifyCommand(context).RunAsync(options, default));
                codes[code] = codes.GetValueOrDefault(code) + 1;

                Assert.IsTrue(code is >= 0 and <= 3, $"run {run}: exit {code}\n{output}\n{error}\n--- checklist ---\n{yaml}");
                if (output.Contains("rolling back", StringComparison.Ordinal))
                {
                    Assert.AreEqual(1, code, $"run {run}: a rollback without a failed verdict\n{output}");
                }

                if (code == 2)
                {
                    StringAssert.Contains(error, "error: ", $"run {run}");
                    lastInvalid = error;
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        Assert.IsGreaterThan(VerifyRuns / 10, codes.GetValueOrDefault(3) + codes.GetValueOrDefault(0) + codes.GetValueOrDefault(1),
            "some mutations are valid and reach a verdict: " + string.Join(", ", codes.Select(c => $"exit {c.Key}: {c.Value}")) + "; last invalid: " + lastInvalid);
    }
}
