using System.Text.Json.Nodes;
using System.Xml.Linq;
using DeployVerifier.Backtests;
using DeployVerifier.Checklists;
using DeployVerifier.Plans;
using DeployVerifier.Support;
using Json.Schema;
using Microsoft.Extensions.Time.Testing;

namespace DeployVerifier.Reports;

/// <summary>The three backtest reports, written from one run: two releases expected to fail, one of which passed.</summary>
[TestClass]
public sealed class BacktestReportsTests
{
    private static readonly DateTimeOffset T = new(2024, 8, 12, 8, 0, 0, TimeSpan.Zero);

    private static async Task<BacktestReport> ReportAsync(bool expectations = true, TimeSpan? incidentDeadline = null)
    {
        const string checklist = """
            soak: {duration: 10m, interval: 30s, warmUp: 30s, ingestionLag: 0s}
            checks:
              - name: errors
                query: errors
                max: 1
            """;
        var plan = VerificationPlanner.Create(ChecklistLoader.Load(checklist, "c.yml"), new PlanRequest(new Dictionary<string, string>())).Plan!;
        var store = new FakeMetricStore().Serve("errors", t => t >= T.AddHours(3).AddMinutes(2) && t < T.AddHours(4) ? 5 : 0);
        var candidates = BacktestSelection.Unidentified([
            new ReleaseListEntry(2, T, expectations ? ExpectedVerdict.Failed : null, "quiet | one"),
            new ReleaseListEntry(3, T.AddHours(3), expectations ? ExpectedVerdict.Failed : null, "<incident>") { Deadline = incidentDeadline },
            new ReleaseListEntry(4, T.AddHours(6), expectations ? ExpectedVerdict.Passed : null, null),
        ]);
        var run = await new BacktestRunner(store, new FakeTimeProvider(T.AddDays(1)), new Quiet()).RunAsync(plan, candidates, CancellationToken.None);
        return BacktestReport.Of(run, null, "The 3 releases listed in r.txt", null, null, "r.txt", T.AddDays(1), "http://prometheus:9090/", 11, "1.2.3");
    }

    [TestMethod]
    public async Task Json_MatchesTheSchemaAndTalliesTheExpectations()
    {
        var root = Path.Combine(RepositoryFiles.Root, "schemas");
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        options.SchemaRegistry.Register(JsonSchema.FromText(File.ReadAllText(Path.Combine(root, "report.schema.json"))));
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(root, "backtest-report.schema.json")));
        var json = JsonNode.Parse(BacktestJsonReportWriter.Write(await ReportAsync()))!;

        var results = schema.Evaluate(json, options);

        Assert.IsTrue(results.IsValid, string.Join("\n", results.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        var expectations = json["expectations"]!;
        Assert.AreEqual(1, (int)expectations["badCaught"]!);
        Assert.AreEqual(1, (int)expectations["badMissed"]!);
        Assert.AreEqual(1, (int)expectations["disagreeing"]!);
        Assert.AreEqual(120.0, (double)json["totals"]!["medianTimeToFailureSeconds"]!);
        Assert.AreEqual("errors", (string?)json["releases"]![1]!["failingCheck"]);
        Assert.AreEqual(false, (bool?)json["releases"]![0]!["agrees"]);
    }

    [TestMethod]
    public async Task Reports_AnIncidentFailedAfterItsDeadline_SayWhyItDisagreesInEveryFormat()
    {
        var root = Path.Combine(RepositoryFiles.Root, "schemas");
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        options.SchemaRegistry.Register(JsonSchema.FromText(File.ReadAllText(Path.Combine(root, "report.schema.json"))));
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(root, "backtest-report.schema.json")));
        var report = await ReportAsync(incidentDeadline: TimeSpan.FromMinutes(1));
        var json = JsonNode.Parse(BacktestJsonReportWriter.Write(report))!;

        var results = schema.Evaluate(json, options);

        Assert.IsTrue(results.IsValid, string.Join("\n", results.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        var incident = json["releases"]![1]!;
        Assert.AreEqual("failed", (string?)incident["expected"]);
        Assert.AreEqual(60.0, (double)incident["deadlineSeconds"]!);
        Assert.AreEqual(false, (bool?)incident["agrees"]);
        Assert.IsNull(json["releases"]![0]!["deadlineSeconds"], "absent without a deadline");
        Assert.AreEqual(2, (int)json["expectations"]!["badMissed"]!);
        StringAssert.Contains(BacktestMarkdown.Write(report),
            "| <incident> | ❌ failed **(expected failed within 1m; failed at +2m, after its 1m deadline)** | 2 min | errors |");
        StringAssert.Contains(BacktestHtmlReport.Write(report), "· expected failed within 1m: DISAGREES (failed at +2m, after its 1m deadline)");
        StringAssert.Contains(BacktestMarkdown.Write(await ReportAsync(incidentDeadline: TimeSpan.FromMinutes(5))), "❌ failed (as expected: failed within 5m; failed at +2m, within its 5m deadline)");
    }

    [TestMethod]
    public async Task Markdown_TotalsFirstThenARowPerRelease()
    {
        var markdown = BacktestMarkdown.Write(await ReportAsync());

        StringAssert.StartsWith(markdown, "## ❌ Backtest: 1 of 3 releases disagree");
        StringAssert.Contains(markdown, "1 bad release caught, 1 missed, 0 good releases that would have been blocked");
        StringAssert.Contains(markdown, "| 2024-08-12 08:00:00 | quiet \\| one | ✅ passed **(expected failed)** | 10 min | – |");
        StringAssert.Contains(markdown, "| 2024-08-12 11:00:00 | <incident> | ❌ failed (as expected) | 2 min | errors |");
    }

    [TestMethod]
    public async Task Html_WellFormedTimelineAndAFoldedSectionPerRelease()
    {
        var html = BacktestHtmlReport.Write(await ReportAsync());

        var page = XDocument.Parse(html.Replace("<!DOCTYPE html>", "", StringComparison.Ordinal));
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.AreEqual(3, page.Descendants(svg + "circle").Count());
        Assert.AreEqual(1, page.Descendants(svg + "circle").Count(c => ((string?)c.Attribute("class"))!.Contains("disagrees", StringComparison.Ordinal)));
        Assert.AreEqual(3, page.Descendants("details").Count());
        StringAssert.Contains(html, "&lt;incident&gt;");
        Assert.IsFalse(html.Contains("<script", StringComparison.OrdinalIgnoreCase));
    }

    [TestMethod]
    public async Task Reports_FailureWithoutExpectation_RedBannerInEveryFormat()
    {
        var report = await ReportAsync(expectations: false);

        var html = BacktestHtmlReport.Write(report);
        var json = JsonNode.Parse(BacktestJsonReportWriter.Write(report))!;

        Assert.AreEqual(Verdicts.Verdict.Failed, report.Banner);
        StringAssert.StartsWith(BacktestMarkdown.Write(report), "## ❌ Backtest: 1 of 3 releases would have failed\n");
        StringAssert.Contains(html, "<header class=\"verdict failed\">");
        StringAssert.Contains(html, "<h1>Backtest: 1 of 3 releases would have failed</h1>");
        Assert.AreEqual("failed", (string?)json["banner"]);
        Assert.AreEqual(1, (int)json["totals"]!["failedWithoutExpectation"]!);
        Assert.IsNull(json["expectations"]);
    }

    [TestMethod]
    public void Reports_NothingFailed_GreenBanner()
    {
        var report = Unexpected(BacktestVerdict.Passed, BacktestVerdict.Passed);

        StringAssert.Contains(BacktestHtmlReport.Write(report), "<header class=\"verdict passed\">");
        StringAssert.StartsWith(BacktestMarkdown.Write(report), "## ✅ Backtest: none of 2 releases would have failed\n");
    }

    [TestMethod]
    public async Task Html_HoldsNoEmoji_TheBannerMarkIsDrawn()
    {
        var html = BacktestHtmlReport.Write(await ReportAsync());

        var emoji = html.EnumerateRunes().Where(r => r.Value >= 0x1F000 || r.Value == 0xFE0F || r.Value is 0x274C or 0x2705 or 0x26A0 or 0x23F8).ToList();
        Assert.IsEmpty(emoji, string.Join(" ", emoji.Select(r => $"U+{r.Value:X4}")));
        var header = XDocument.Parse(html.Replace("<!DOCTYPE html>", "", StringComparison.Ordinal)).Descendants("header").Single();
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.AreEqual("failed", (string?)header.Descendants(svg + "svg").Single().Attribute("aria-label"));
    }

    private static BacktestReport Unexpected(params BacktestVerdict[] verdicts) => new(
        verdicts.Select((v, i) => BacktestTotalsTests.Row(v, null, i)).ToList(), null, false, "2 releases", T, T.AddDays(1), null, T.AddDays(2),
        "http://prometheus:9090/", 5, "1.2.3");

    private sealed class Quiet : IBacktestObserver
    {
        public void Judged(BacktestResult result, int judged, int total)
        {
        }
    }
}
