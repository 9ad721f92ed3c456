using System.Text.RegularExpressions;
using DeployVerifier.Testing;

namespace DeployVerifier.Integration;

/// <summary>
/// <c>tune</c> as a process, as a user runs it, against a real Prometheus holding eleven releases of one Deployment half
/// an hour apart: healthy ones, two error spikes, two latency regressions, and a crash loop rolled back by hand after
/// 6 minutes. The checklist's error bound is twenty times too strict (healthy releases fail their 0.2 %), its latency
/// bound far too loose (a p95 of 600 ms passes).
/// </summary>
[TestClass]
public sealed partial class TuneCommandTests
{
    private const string Namespace = "tn-shop";
    private static readonly DateTimeOffset T0 = new(2024, 8, 22, 10, 0, 0, TimeSpan.Zero);
    private static PrometheusServer? s_server;
    private static ReleaseHistory? s_history;
    private static string s_directory = "";

    /// <summary>The releases, by position: their name in the releases file, and the verdict each deserves.</summary>
    private static readonly (string Name, string Label)[] Releases =
    [
        ("r0-healthy", "passed"),
        ("r1-error-spike", "failed"),
        ("r2-healthy", "passed"),
        ("r3-latency-regression", "failed"),
        ("r4-healthy", "passed"),
        ("r5-crash-loop", "failed"),
        ("r6-healthy", "passed"),
        ("r7-error-spike", "failed"),
        ("r8-healthy", "passed"),
        ("r9-latency-regression", "failed"),
        ("r10-healthy", "passed"),
    ];

    /// <summary>
    /// The checklist as a team might have left it: comments throughout, the error bound (and its baseline's increase) far too
    /// strict, the latency bound (and its baseline's factor) far too loose, both with a tolerance.
    /// </summary>
    private const string Checklist = TestChecklists.KubernetesRelease + """
        # Checks tuned by hand, long ago.
        soak: {duration: 10m, interval: 30s, warmUp: 30s}
        vars:
          namespace: ~
        checks:
          # Any restart of a new pod fails.
          - name: restarts
            query: kube_pod_container_status_restarts_total{namespace="${namespace}", pod=~"${releaseInstances}"}
            max: 0
            perSeries: true
          # Server errors of the release's pods.
          - name: error-ratio
            query: >-
              (sum(rate(http_requests_total{namespace="${namespace}", pod=~"${releaseInstances}", code=~"5.."}[2m])) or vector(0))
              / sum(rate(http_requests_total{namespace="${namespace}", pod=~"${releaseInstances}"}[2m]))
            max: 0.05%   # far too strict: a healthy release fails 0.2 %
            baseline:
              window: 10m
              maxIncrease: 0.025%
            tolerance: 4
            warmUp: 2m
          # p95 latency of the release's pods.
          - name: latency-p95
            query: >-
              histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="${namespace}",
              pod=~"${releaseInstances}"}[2m])))
            max: 5s   # far too loose
            baseline:
              window: 10m
              maxFactor: 30
            tolerance: 4
            warmUp: 2m

        """;

    [ClassInitialize]
    public static async Task StartPrometheus(TestContext context)
    {
        ReleaseSpec At(ReleaseSpec spec, int k) => spec with { DeployedAt = T0.AddMinutes(30 * k), PreMinutes = k == 0 ? 20 : 10, PostMinutes = 15 };
        s_history = ReleaseHistory.Sequence(Releases.Select((r, k) => At(r.Name.Split('-', 2)[1] switch
        {
            "healthy" => ReleaseSpec.Healthy(Namespace),
            "error-spike" => ReleaseSpec.ErrorSpike(Namespace),
            "latency-regression" => ReleaseSpec.LatencyRegression(Namespace),
            "crash-loop" => ReleaseSpec.CrashLoop(Namespace) with { RolledBackAfterMinutes = 6 },
            var other => throw new InvalidOperationException(other),
        }, k)));
        s_server = await PrometheusServer.StartAsync(s_history);
        s_directory = Directory.CreateTempSubdirectory("dv-tune-").FullName;
    }

    [ClassCleanup]
    public static async Task StopPrometheus()
    {
        if (s_server is not null)
        {
            await s_server.DisposeAsync();
        }

        Directory.Delete(s_directory, recursive: true);
    }

    private static string ReplicaSet(int k) => s_history!.Scenarios[k].NewPods[0][..s_history.Scenarios[k].NewPods[0].LastIndexOf('-')];

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The releases file: each release a minute after its start, with its label (or the one <paramref name="relabel"/> gives).</summary>
    private static string KnownReleases(Func<int, string?>? relabel = null) => "# our releases\n" + string.Join("\n", Releases.Select((r, k) =>
        $"{Time(T0.AddMinutes((30 * k) + 1))} {relabel?.Invoke(k) ?? r.Label} {r.Name}")) + "\n";

    /// <summary>A folder with the checklist as checks.yml and, when given, the releases as releases.txt.</summary>
    private static string Workspace(string? releases, string checklist = Checklist)
    {
        var folder = Directory.CreateDirectory(Path.Combine(s_directory, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(folder, "checks.yml"), checklist);
        if (releases is not null)
        {
            File.WriteAllText(Path.Combine(folder, "releases.txt"), releases);
        }

        return folder;
    }

    private static Task<ProcessResult> Run(string workspace, Uri? url, string verb, string checklist, params string[] more) =>
        DeployVerifierProcess.RunAsync([verb, "--checklist", checklist, "--prometheus-url", (url ?? s_server!.Url).ToString(), "--var", $"namespace={Namespace}", .. more],
            workingDirectory: workspace);

    private static Task<ProcessResult> Tune(string workspace, params string[] more) => Run(workspace, null, "tune", "checks.yml", more);

    private static string Read(string workspace, string file) => File.ReadAllText(Path.Combine(workspace, file));

    /// <summary>The "Values that move:" lines of tune's output: check, key, before and after.</summary>
    private static List<(string Check, string Key, string Before, string After)> Moves(string output) =>
        [.. output.Split('\n').SkipWhile(l => l != "Values that move:").Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => MoveLine().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups["check"].Value, m.Groups["key"].Value, m.Groups["before"].Value, m.Groups["after"].Value))];

    [GeneratedRegex(@"^  (?<check>\S+) (?<key>\S+): (?<before>\S+) -> (?<after>\S+)")]
    private static partial Regex MoveLine();

    /// <summary>The queries Prometheus itself has answered so far (instant and range), from its own /metrics.</summary>
    private static async Task<double> QueriesAnswered()
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(s_server!.Url, "metrics"));
        return QueryCounter().Matches(metrics).Sum(m => double.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^prometheus_http_requests_total\{code=""\d+"",handler=""/api/v1/query(_range)?""\} (?<count>\S+)$", RegexOptions.Multiline)]
    private static partial Regex QueryCounter();

    [GeneratedRegex(@"^Every candidate value was judged on the data of the releases' first judgement: (?<first>[\d,]+) queries, and (?<after>[\d,]+) more for soak extensions only a looser value reached; [\d,]+ leak tests fitted, each once\.$", RegexOptions.Multiline)]
    private static partial Regex FetchedOnce();

    [TestMethod]
    public async Task Tune_LabelledReleases_WritesOnlyTheReportedValues_AndTheTunedFileJudgesEveryReleaseAsLabelled()
    {
        var workspace = Workspace(KnownReleases());

        var result = await Tune(workspace, "--releases", "releases.txt", "--out", "tuned.yml");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "Tuning checks.yml on 11 releases (11 labelled), soak 10m, 4 at a time.");
        StringAssert.Contains(result.Output, "Judged as labelled: 7 of 11 with the checklist as it is; 11 of 11 tuned.");
        var moves = Moves(result.Output);
        var moved = moves.Select(m => $"{m.Check} {m.Key}").ToList();
        CollectionAssert.IsSubsetOf(new[] { "error-ratio max", "error-ratio baseline.maxIncrease", "latency-p95 max" }, moved, result.ToString());
        CollectionAssert.DoesNotContain(moved, "restarts max", "restarts already catches the crash loop and fails no good release");
        StringAssert.Contains(result.Output, $"Wrote tuned.yml: the checklist with {moves.Count} values changed, comments and layout kept.");

        // Line by line: only the lines holding a reported value differ, each with the reported value in place of the old one.
        var before = Checklist.Split('\n');
        var after = Read(workspace, "tuned.yml").Split('\n');
        Assert.AreEqual(before.Length, after.Length, "every key tuned is already in the file, so no line is added");
        Assert.AreEqual(Checklist, Read(workspace, "checks.yml"), "the checklist itself is untouched");
        var explained = new List<string>();
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] == after[i])
            {
                continue;
            }

            var check = before.Take(i).Last(l => l.TrimStart().StartsWith("- name: ", StringComparison.Ordinal)).Split("- name: ")[1];
            var line = ValueLine().Match(before[i]);
            Assert.IsTrue(line.Success, $"line {i + 1} changed but holds no value: '{before[i]}' -> '{after[i]}'");
            var move = moves.SingleOrDefault(m => m.Check == check && m.Key.Split('.')[^1] == line.Groups["key"].Value);
            Assert.IsNotNull(move.Check, $"line {i + 1} of {check} changed, but tune reported no move of {line.Groups["key"].Value}: '{before[i]}' -> '{after[i]}'\n{result}");
            Assert.AreEqual(move.Before, line.Groups["value"].Value, $"line {i + 1}: tune reported the value before as {move.Before}");
            Assert.AreEqual(line.Groups["head"].Value + move.After + Realigned(line.Groups["tail"].Value, move.Before, move.After), after[i],
                $"line {i + 1}: only the value changes, its comment stays in its column");
            explained.Add($"{move.Check} {move.Key}");
        }

        CollectionAssert.AreEquivalent(moved, explained, "every reported move is written once, where it stood");
        var errorMax = moves.Single(m => m.Check == "error-ratio" && m.Key == "max").After;
        StringAssert.Contains(Read(workspace, "tuned.yml"), "max: " + errorMax + Realigned("   # far too strict: a healthy release fails 0.2 %", "0.05%", errorMax));

        // backtest agrees: the original checklist judges some releases otherwise than labelled, the tuned one none.
        var original = await Run(workspace, null, "backtest", "checks.yml", "--releases", "releases.txt");
        var tuned = await Run(workspace, null, "backtest", "tuned.yml", "--releases", "releases.txt");
        Assert.AreEqual(1, original.ExitCode, original.ToString());
        StringAssert.Contains(original.Output, "DISAGREES");
        Assert.AreEqual(0, tuned.ExitCode, tuned.ToString());
        Assert.IsFalse(tuned.Output.Contains("DISAGREES", StringComparison.Ordinal), tuned.ToString());
    }

    /// <summary>A comment after a value, its spaces grown or shrunk as the value changes length so that it keeps its column (at least one space).</summary>
    private static string Realigned(string tail, string before, string after)
    {
        var spaces = tail.Length - tail.TrimStart(' ').Length;
        return tail.TrimStart(' ').StartsWith('#') ? new string(' ', Math.Max(1, spaces + before.Length - after.Length)) + tail.TrimStart(' ') : tail;
    }

    [GeneratedRegex(@"^(?<head>\s*(?<key>[A-Za-z]+): )(?<value>[^\s#]+)(?<tail>.*)$")]
    private static partial Regex ValueLine();

    [TestMethod]
    public async Task Tune_AHealthyReleaseLabelledFailed_Exits1NamingItAsNotSeparable()
    {
        var workspace = Workspace(KnownReleases(k => k == 2 ? "failed" : null));

        var result = await Tune(workspace, "--releases", "releases.txt", "--out", "tuned.yml");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "Not separable: r2-healthy (labelled bad) passes every value that passes the good releases");
        Assert.AreEqual(1, result.Output.Split('\n').Count(l => l.StartsWith("Not separable:", StringComparison.Ordinal)), result.ToString());
        StringAssert.Contains(result.Output, "; 10 of 11 tuned.", "every other release is judged as labelled");
        Assert.IsTrue(File.Exists(Path.Combine(workspace, "tuned.yml")), "the copy is still written");
        var tuned = await Run(workspace, null, "backtest", "tuned.yml", "--releases", "releases.txt");
        Assert.AreEqual(1, tuned.ExitCode, tuned.ToString());
        Assert.AreEqual(1, tuned.Output.Split('\n').Count(l => l.Contains("DISAGREES", StringComparison.Ordinal)), "only r2-healthy: " + tuned);
        StringAssert.Contains(tuned.Output, "r2-healthy: passed");
    }

    /// <summary>Run alone: Prometheus' own count of the queries it answered must not include another test's.</summary>
    [TestMethod]
    [DoNotParallelize]
    public async Task Tune_FetchesEachReleaseOnce_AndCountsTheQueriesPrometheusAnswered()
    {
        // A soak extension: a candidate value may reach it where the first judgement did not, and it is then fetched once.
        var workspace = Workspace(KnownReleases(), Checklist.Replace("warmUp: 30s}", "warmUp: 30s, extension: 4m}", StringComparison.Ordinal));

        var start = await QueriesAnswered();
        var result = await Tune(workspace, "--releases", "releases.txt", "--out", "tuned.yml");
        var tuned = await QueriesAnswered();
        var backtest = await Run(workspace, null, "backtest", "checks.yml", "--releases", "releases.txt");
        var backtested = await QueriesAnswered();

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(1, backtest.ExitCode, backtest.ToString());
        var fetched = FetchedOnce().Match(result.Output);
        Assert.IsTrue(fetched.Success, result.ToString());
        var (first, after) = (int.Parse(fetched.Groups["first"].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture), int.Parse(fetched.Groups["after"].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsTrue(first >= Releases.Length * 3, $"every release's three checks are fetched: {first}");
        Assert.IsTrue(after > 0 && after <= Releases.Length * 3, $"after the first judgement, only soak extensions not reached at first, at most one per release and check: {after}");

        // Prometheus' own count: the queries tune says it sent, plus its preflight and release discovery, which are a backtest's too.
        var answered = tuned - start;
        Assert.IsTrue(answered >= first + after && answered <= first + after + 3 + 3, $"Prometheus answered {answered}; tune says {first} + {after}, plus a preflight per check and the release discovery");
        Assert.AreEqual(backtested - tuned + after, answered, "tune asks what one backtest of the releases asks, plus what it says it fetched after the first judgement");
    }

    [TestMethod]
    public async Task Tune_AVariableThreshold_MovesItsDefault_AndTheSummaryNamesEachChange()
    {
        var checklist = Checklist.Replace("    max: 5s   # far too loose", "    max: ${latency_max}", StringComparison.Ordinal)
            .Replace("  namespace: ~\n", "  namespace: ~\n  latency_max: 5s   # far too loose\n", StringComparison.Ordinal);
        Assert.AreNotEqual(Checklist, checklist);
        var workspace = Workspace(KnownReleases(), checklist);

        var result = await Tune(workspace, "--releases", "releases.txt", "--out", "tuned.yml", "--summary-md", "tune.md");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var latency = Moves(result.Output).Single(m => m.Check == "latency-p95" && m.Key == "max");
        Assert.AreEqual("5s", latency.Before);
        StringAssert.Contains(result.Output, $"Note: latency-p95.max is ${{latency_max}}: its default under vars: was changed to {latency.After}; a --var latency_max=... given at run time still overrides it");
        var text = Read(workspace, "tuned.yml");
        StringAssert.Contains(text, $"\n  latency_max: {latency.After}{Realigned("   # far too loose", "5s", latency.After)}\n");
        StringAssert.Contains(text, "\n    max: ${latency_max}\n", "the check still reads the variable");

        var summary = Read(workspace, "tune.md");
        StringAssert.Contains(summary, "## Tuned thresholds for `checks.yml`");
        foreach (var move in Moves(result.Output))
        {
            StringAssert.Contains(summary, $"| {move.Check} | `{move.Key}` | {move.Before} | {move.After} |");
        }

        StringAssert.Contains(summary, "| r9-latency-regression |");
        var stale = $"latency_max is now {latency.After}, and the comment beside it, \"# far too loose\", was written for the value before: read it again";
        StringAssert.Contains(result.Output, "Note: vars." + stale, "a comment kept beside a moved value is named");
        StringAssert.Contains(summary, "- Note: vars." + stale, "in the pull request's summary too");
        var tuned = await Run(workspace, null, "backtest", "tuned.yml", "--releases", "releases.txt");
        Assert.AreEqual(0, tuned.ExitCode, "the new default is what the tuned file judges with: " + tuned);
    }

    [TestMethod]
    public async Task Tune_LabelRollbacks_TunesOnTheWindowsReleasesLabelledByTheirRollbacks()
    {
        var workspace = Workspace(null);

        // r4-healthy, r5-crash-loop (rolled back by hand after 6 minutes) and r6-healthy.
        var result = await Tune(workspace, "--from", Time(T0.AddMinutes(110)), "--to", Time(T0.AddMinutes(185)), "--label-rollbacks", "30m", "--out", "tuned.yml");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "Tuning checks.yml on 3 releases (3 labelled by rollbacks within 30m), soak 10m, 4 at a time.");
        StringAssert.Contains(result.Output, "Judged as labelled: 1 of 3 with the checklist as it is; 3 of 3 tuned.");
        StringAssert.Contains(result.Output, $"{ReplicaSet(4)}: failed -> passed (labelled passed)");
        StringAssert.Contains(result.Output, $"{ReplicaSet(6)}: failed -> passed (labelled passed)");
        Assert.IsFalse(result.Output.Contains($"{ReplicaSet(5)}: failed ->", StringComparison.Ordinal), "the rolled-back crash loop still fails: " + result);
        Assert.IsFalse(result.Output.Contains("rolled back by deploy-verifier itself", StringComparison.Ordinal), "a rollback by hand: " + result);
        Assert.IsTrue(Moves(result.Output).Any(m => m.Check == "error-ratio" && m.Key == "max"), result.ToString());
    }
}
