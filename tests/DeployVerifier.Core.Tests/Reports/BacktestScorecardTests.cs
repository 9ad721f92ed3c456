using System.Text.Json.Nodes;
using DeployVerifier.Backtests;
using DeployVerifier.Checklists;
using DeployVerifier.Plans;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;
using Microsoft.Extensions.Time.Testing;

namespace DeployVerifier.Reports;

/// <summary>
/// The accuracy of one run of four labelled releases: an incident caught by errors, a good release errors failed (a
/// false alarm), a good release that came near the latency bound, and an incident nothing caught.
/// </summary>
[TestClass]
public sealed class BacktestScorecardTests
{
    private static readonly DateTimeOffset T = new(2024, 8, 12, 8, 0, 0, TimeSpan.Zero);

    private static readonly ReleaseListEntry[] Entries =
    [
        new(1, T, ExpectedVerdict.Failed, "incident"),
        new(2, T.AddHours(3), ExpectedVerdict.Passed, "false alarm"),
        new(3, T.AddHours(6), ExpectedVerdict.Passed, "near miss"),
        new(4, T.AddHours(9), ExpectedVerdict.NotPassed, "slow leak"),
        new(5, T.AddHours(12), null, "unlabelled"),
    ];

    private static async Task<BacktestReport> RunAsync(BacktestShard? shard = null, TimeSpan? incidentDeadline = null)
    {
        const string checklist = """
            soak: {duration: 10m, interval: 30s, warmUp: 30s, ingestionLag: 0s}
            checks:
              - name: errors
                query: errors
                max: 1
              - name: latency
                query: latency
                unit: seconds
                max: 500ms
            """;
        var plan = VerificationPlanner.Create(ChecklistLoader.Load(checklist, "c.yml"), new PlanRequest(new Dictionary<string, string>())).Plan!;
        bool In(DateTimeOffset t, double hours) => t >= T.AddHours(hours).AddMinutes(2) && t < T.AddHours(hours + 1);
        var store = new FakeMetricStore()
            .Serve("errors", t => In(t, 0) ? 5 : In(t, 3) ? 3 : 0)
            .Serve("latency", t => In(t, 6) ? 0.412 : In(t, 9) ? 0.45 : 0.2);
        var candidates = BacktestSelection.Unidentified([Entries[0] with { Deadline = incidentDeadline }, .. Entries.Skip(1)]);
        var judged = shard?.Select(candidates) ?? candidates;
        var run = await new BacktestRunner(store, new FakeTimeProvider(T.AddDays(1)), new Quiet()).RunAsync(plan, judged, CancellationToken.None);
        return BacktestReport.Of(run, shard, "The 5 releases listed in r.txt", null, null, "r.txt", T.AddDays(1), "http://prometheus:9090/", 11, "1.2.3") with
        {
            Shard = shard is null ? null : new BacktestShardStamp(shard, candidates.Count, BacktestFingerprint.Of(candidates)),
        };
    }

    private static string AccuracyJson(BacktestReport report) => JsonNode.Parse(BacktestJsonReportWriter.Write(report))!["accuracy"]!.ToJsonString();

    [TestMethod]
    public async Task Of_OneRun_CountsTheChecklistAndEachCheck()
    {
        var accuracy = (await RunAsync()).Accuracy;

        Assert.AreEqual(new BacktestConfusion(Caught: 1, Missed: 1, FalseAlarms: 1, GoodPassed: 1), accuracy.Checklist.Confusion);
        Assert.AreEqual(0.5, accuracy.Checklist.Precision);
        Assert.AreEqual(0.5, accuracy.Checklist.Recall);
        Assert.AreEqual(0.5, accuracy.Checklist.FalseAlarmRate);
        Assert.AreEqual(1, accuracy.Unlabelled);
        CollectionAssert.AreEqual(new[] { TimeSpan.FromMinutes(2) }, accuracy.Checklist.TimeToDetect.Values.ToList());
        var errors = accuracy.Checks.Single(c => c.Check == "errors");
        CollectionAssert.AreEqual(new[] { "false alarm" }, errors.FalseAlarms.ToList());
        CollectionAssert.AreEqual(new[] { "incident" }, errors.Catches.ToList());
        CollectionAssert.AreEqual(new[] { "incident" }, errors.CaughtFirst.ToList());
        var latency = accuracy.Checks.Single(c => c.Check == "latency");
        Assert.IsNull(latency.Accuracy.Precision, "latency failed nothing");
        Assert.AreEqual(0.0, latency.Accuracy.Recall);
    }

    [TestMethod]
    public async Task Of_ClosestCalls_NameTheGoodReleaseNearestTheBoundAndHowFarTheBadOnesWent()
    {
        var latency = (await RunAsync()).Accuracy.Checks.Single(c => c.Check == "latency");

        var nearest = latency.Good[0];
        Assert.AreEqual("near miss", nearest.Release);
        Assert.AreEqual(0.176, nearest.Headroom!.Value, 0.0001);
        StringAssert.StartsWith(nearest.Describe(), "412 ms against max 500 ms: 17.6 % headroom; no failing evaluation (tolerance 0)");
        Assert.AreEqual("slow leak", latency.Bad[0].Release, "the bad release nearest the bound, still inside it");
        Assert.AreEqual(0.1, latency.Bad[0].Headroom!.Value, 0.0001);
        var errors = (await RunAsync()).Accuracy.Checks.Single(c => c.Check == "errors");
        Assert.AreEqual("incident", errors.Bad.Single(c => c.Release == "incident").Release);
        StringAssert.Contains(errors.Bad.Single(c => c.Release == "incident").Describe(), "400 % past it");
    }

    [TestMethod]
    public async Task Json_AccuracyIsWrittenAndMatchesTheSchemaShape()
    {
        var json = JsonNode.Parse(BacktestJsonReportWriter.Write(await RunAsync()))!;

        var checklist = json["accuracy"]!["checklist"]!;
        Assert.AreEqual(0.5, (double)checklist["precision"]!);
        Assert.AreEqual(0.5, (double)checklist["falseAlarmRate"]!);
        Assert.AreEqual(WilsonInterval.Of(1, 2)!.Low, (double)checklist["falseAlarmInterval"]!["low"]!);
        Assert.IsNull(checklist["timeToDetect"]!["median"]);
        Assert.AreEqual(120.0, (double)checklist["timeToDetect"]!["values"]![0]!);
        Assert.AreEqual("fail", (string?)json["accuracy"]!["inconclusive"]);
        Assert.IsNull(json["accuracy"]!["checks"]![1]!["accuracy"]!["precision"], "undefined is null");
    }

    [TestMethod]
    public async Task Json_ShardReportReadBack_GivesTheSameAccuracy()
    {
        var report = await RunAsync(new BacktestShard(1, 1));
        var (read, error) = BacktestJsonReportReader.Read(BacktestJsonReportWriter.Write(report), "shard-1.json");
        var (rows, rowsError) = BacktestJsonReportReader.Rows(read!, "shard-1.json");

        Assert.IsNull(error);
        Assert.IsNull(rowsError);
        var again = new BacktestReport(rows, null, false, report.Selection, null, null, "r.txt", report.RanAt, report.PrometheusUrl, 11, "1.2.3");
        Assert.AreEqual(AccuracyJson(report), AccuracyJson(again));
    }

    [TestMethod]
    public async Task Merge_TwoShards_GiveTheAccuracyOfOneRun()
    {
        var one = await RunAsync();
        var shards = new List<(string, string)>();
        foreach (var index in new[] { 1, 2 })
        {
            shards.Add(($"shard-{index}.json", BacktestJsonReportWriter.Write(await RunAsync(new BacktestShard(index, 2)))));
        }

        var (merged, errors) = BacktestMerge.Merge(shards);

        Assert.IsEmpty(errors, string.Join("\n", errors.Select(e => e.Message)));
        Assert.AreEqual(AccuracyJson(one), AccuracyJson(merged!));
        StringAssert.Contains(BacktestMarkdown.Write(merged!), "### Accuracy against the labels");
    }

    [TestMethod]
    public async Task Of_AnIncidentFailedAfterItsDeadline_IsMissedByTheChecklistAndByTheCheck()
    {
        // errors fails the incident 2 min after its start; its label gives it 1 min.
        var report = await RunAsync(incidentDeadline: TimeSpan.FromMinutes(1));
        var accuracy = report.Accuracy;

        Assert.AreEqual(new BacktestConfusion(Caught: 0, Missed: 2, FalseAlarms: 1, GoodPassed: 1), accuracy.Checklist.Confusion);
        Assert.IsEmpty(accuracy.Checklist.TimeToDetect.Values, "a late catch is no catch, and has no time to detect");
        var errors = accuracy.Checks.Single(c => c.Check == "errors");
        Assert.IsEmpty(errors.Catches);
        Assert.AreEqual(new BacktestConfusion(Caught: 0, Missed: 2, FalseAlarms: 1, GoodPassed: 1), errors.Accuracy.Confusion);
        Assert.AreEqual(report.Totals.BadMissed, accuracy.Checklist.Confusion.Missed, "the expectations agree with the accuracy");
        Assert.AreEqual(new BacktestConfusion(Caught: 1, Missed: 1, FalseAlarms: 1, GoodPassed: 1),
            (await RunAsync(incidentDeadline: TimeSpan.FromMinutes(2))).Accuracy.Checklist.Confusion, "failed at its deadline: caught");
    }

    [TestMethod]
    public async Task Merge_TwoShardsWithADeadline_GiveTheAccuracyAndTheTalliesOfOneRun()
    {
        var deadline = TimeSpan.FromMinutes(1);
        var one = await RunAsync(incidentDeadline: deadline);
        var shards = new List<(string, string)>();
        foreach (var index in new[] { 1, 2 })
        {
            shards.Add(($"shard-{index}.json", BacktestJsonReportWriter.Write(await RunAsync(new BacktestShard(index, 2), deadline))));
        }

        var (merged, errors) = BacktestMerge.Merge(shards);

        Assert.IsEmpty(errors, string.Join("\n", errors.Select(e => e.Message)));
        Assert.AreEqual(AccuracyJson(one), AccuracyJson(merged!));
        Assert.AreEqual(one.Totals, merged!.Totals);
        Assert.AreEqual(deadline, merged.Rows[0].Deadline);
        Assert.IsTrue(merged.Rows[0].Disagrees);
    }

    [TestMethod]
    public async Task Merge_ShardsOfAnotherInconclusivePolicy_AreRefused()
    {
        var first = BacktestJsonReportWriter.Write(await RunAsync(new BacktestShard(1, 2)));
        var second = JsonNode.Parse(BacktestJsonReportWriter.Write((await RunAsync(new BacktestShard(2, 2))) with
        {
            Inputs = new BacktestInputs("c.yml", "sha256:" + new string('0', 64), "10m", "sha256:" + new string('1', 64)),
        }))!;
        var firstNode = JsonNode.Parse(first)!;
        firstNode["settings"] = JsonNode.Parse(second["settings"]!.ToJsonString());
        firstNode["checklist"] = JsonNode.Parse(second["checklist"]!.ToJsonString());
        second["settings"]!["inconclusive"] = "warn";

        var (_, errors) = BacktestMerge.Merge([("shard-1.json", firstNode.ToJsonString()), ("shard-2.json", second.ToJsonString())]);

        StringAssert.Contains(string.Join("\n", errors.Select(e => e.Message)), "settings.inconclusive differs: fail in 'shard-1.json', warn in 'shard-2.json'");
    }

    [TestMethod]
    public async Task Markdown_AndHtml_GiveTheFiguresAndTheClosestCalls()
    {
        var report = await RunAsync();

        var markdown = BacktestMarkdown.Write(report);
        var html = BacktestHtmlReport.Write(report);

        StringAssert.Contains(markdown, "| bad | 1 caught | 1 missed |");
        StringAssert.Contains(markdown, "Precision 50 % (1 of 2 blocked were bad), recall 50 % (1 of 2 bad caught), false-alarm rate 50 % (1 of 2 good blocked; 95 % interval");
        StringAssert.Contains(markdown, "Time to detect: 2 min after the deploy (fewer than 5 caught: the times themselves).");
        StringAssert.Contains(markdown, "| latency | 0 | 0 (0 first) | n/a (no labelled release was blocked) | 0 % | 0 % |");
        StringAssert.Contains(markdown, "good: 412 ms against max 500 ms: 17.6 % headroom");
        StringAssert.Contains(html, "<h2>Accuracy against the labels</h2>");
        StringAssert.Contains(html, "<a href=\"#release-3\">near miss</a>: 412 ms against max 500 ms: 17.6 % headroom");
        Assert.IsFalse(html.Contains('\u2014') || html.Contains('\u2013'), "no dashes the page's font may lack");
    }

    [TestMethod]
    public async Task Of_WarnPolicy_IsRecordedInTheJson()
    {
        var run = await RunAsync();
        var warn = new BacktestReport(run.Rows, null, false, run.Selection, null, null, "r.txt", run.RanAt, run.PrometheusUrl, 11, "1.2.3", InconclusivePolicy.Warn);

        Assert.AreEqual("warn", (string?)JsonNode.Parse(BacktestJsonReportWriter.Write(warn))!["accuracy"]!["inconclusive"]);
        StringAssert.Contains(BacktestMarkdown.Write(warn), "an inconclusive verdict lets the release go (--inconclusive warn)");
    }

    private sealed class Quiet : IBacktestObserver
    {
        public void Judged(BacktestResult result, int judged, int total)
        {
        }
    }
}
