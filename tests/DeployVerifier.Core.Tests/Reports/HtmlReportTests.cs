using System.Globalization;
using System.Xml.Linq;
using DeployVerifier.Checklists;
using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;
using Microsoft.Extensions.Time.Testing;

namespace DeployVerifier.Reports;

[TestClass]
public sealed class HtmlReportTests
{
    private static readonly RollbackOutcome RolledBack = new(true, true, "command 'echo' exited 0", [new RollbackActionResult("command", true, "exited 0")]);

    [TestMethod]
    public async Task Write_FailedTrendCheck_DrawsForecastToTheLimit()
    {
        var page = Parse(HtmlReport.Write(Context(await LeakingRelease(), RolledBack)));

        var chart = Chart(page, "memory-leak");
        var limit = Single(chart, "line", "limit");
        var forecast = Single(chart, "line", "forecast");
        Assert.AreEqual(limit.Attribute("y1")!.Value, forecast.Attribute("y2")!.Value, "the forecast ends on the limit line");
        Assert.IsGreaterThan(Coordinate(forecast, "x1"), Coordinate(forecast, "x2"), "the forecast runs forward in time");
        Assert.AreEqual(Coordinate(Single(chart, "line", "decision"), "x1"), Coordinate(forecast, "x1"), "from the level at the decision");
        Assert.HasCount(1, Elements(chart, "circle", "forecast-point"));
        StringAssert.Contains(Single(chart, "text", "forecast-label").Value, "reaches 1 GiB");
        StringAssert.Contains(Single(chart, "text", "limit-label").Value, "limit 1 GiB");
    }

    [TestMethod]
    public async Task Write_FailedRelease_PutsTheVerdictAndReasonsFirst()
    {
        var page = Parse(HtmlReport.Write(Context(await LeakingRelease(), RolledBack)));

        var body = page.Root!.Element("body")!;
        var header = body.Elements().First();
        Assert.AreEqual("header", header.Name.LocalName);
        StringAssert.Contains(header.Attribute("class")!.Value, "failed");
        Assert.AreEqual("Release failed verification", header.Descendants("h1").Single().Value);
        var reasons = body.Descendants("ul").First(u => u.Attribute("class")?.Value == "reasons").Elements("li").ToList();
        Assert.HasCount(1, reasons, "only the failed check decided the verdict");
        StringAssert.StartsWith(reasons[0].Value, "memory-leak: grows ");
        var details = Elements(reasons[0], "span", "details").Single().Value;
        StringAssert.StartsWith(details, "details: checkout-fast: limit in ~");
        Assert.IsFalse(reasons[0].Value[..^details.Length].Contains("statistic", StringComparison.Ordinal), "the statistics are on the details line only");
        StringAssert.Contains(Elements(body, "p", "rollback").Single().Value, "done: command 'echo' exited 0");
    }

    [TestMethod]
    public async Task Write_Subject_TitleAndHeadingNameTheServiceNamespaceAndRelease()
    {
        var context = Context(await LeakingRelease(), RolledBack) with { Subject = new Releases.ReleaseSubject("checkout", "shop", null, "checkout-hnmc79zn8") };

        var page = Parse(HtmlReport.Write(context));

        Assert.AreEqual("checkout (namespace shop): release checkout-hnmc79zn8 failed verification", page.Descendants("h1").Single().Value);
        StringAssert.Contains(page.Root!.Element("head")!.Element("title")!.Value, "checkout (namespace shop): release checkout-hnmc79zn8");
    }

    [TestMethod]
    public async Task Write_FleetLeak_ChartAndSentenceNameTheSameMinutes()
    {
        var page = Parse(HtmlReport.Write(Context(await LeakingRelease(), RolledBack)));

        var reason = page.Descendants("ul").First(u => u.Attribute("class")?.Value == "reasons").Elements("li").Single().Nodes().OfType<XText>()
            .Aggregate("", (text, node) => text + node.Value);
        var chart = Chart(page, "memory-leak");
        var first = System.Text.RegularExpressions.Regex.Match(reason, @"first pod reaches its 1 GiB limit at about (\d\d:\d\d)");
        var down = System.Text.RegularExpressions.Regex.Match(reason, @"down by about (\d\d:\d\d)");
        Assert.IsTrue(first.Success && down.Success, reason);
        StringAssert.Contains(Single(chart, "text", "forecast-label").Value, $"reaches 1 GiB at about {first.Groups[1].Value} ");
        Assert.AreEqual($"service down by about {down.Groups[1].Value}", Single(chart, "text", "fleet-down-label").Value);
    }

    [TestMethod]
    public void Write_LimitAlreadyExceeded_SaysSoInsteadOfAZeroForecast()
    {
        var check = Some.Trend();
        var evaluation = new CheckEvaluation(Some.DeployedAt.AddMinutes(5), EvaluationOutcome.Failed, 600 * Some.MiB, Some.Pod("checkout-a"),
            "checkout-a: at 600 MiB, already above its 512 MiB limit, and growing 3 MiB/min",
            Forecast: new Forecast(3 * Some.MiB / 60, 600 * Some.MiB, 512 * Some.MiB, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, true, null));
        var result = new CheckResult(check, CheckOutcome.Failed, evaluation.Reason, evaluation, evaluation, 1, [evaluation], evaluation.Time);

        var page = Parse(HtmlReport.Write(Context(Outcome(Verdict.Failed, result), RolledBack)));

        var forecast = page.Descendants("tr").Single(r => r.Element("th")?.Value == "Forecast").Element("td")!.Value;
        StringAssert.EndsWith(forecast, "already at the 512 MiB limit");
        StringAssert.Contains(Single(Chart(page, "memory-leak"), "text", "forecast-label").Value, "already at the 512 MiB limit");
        Assert.IsFalse(page.ToString().Contains("0 s to 0 s", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Write_EveryCheck_HasOneChartWithALinePerSeriesAndTheDecision()
    {
        var page = Parse(HtmlReport.Write(Context(await LeakingRelease(), RolledBack)));

        Assert.HasCount(2, page.Descendants("svg"));
        var memory = Chart(page, "memory-leak");
        var lines = Elements(memory, "path", "series");
        CollectionAssert.AreEquivalent(new[] { "checkout-fast", "checkout-slow" }, lines.Select(l => l.Attribute("data-series")!.Value).ToList());
        Assert.AreEqual("checkout-fast", Elements(memory, "path", "deciding").Single().Attribute("data-series")!.Value);
        var errors = Chart(page, "errors");
        Assert.HasCount(1, Elements(errors, "path", "series"), "a single series is one line");
        Assert.AreEqual("0.01", Single(errors, "line", "threshold").Attribute("data-value")!.Value);
        foreach (var chart in new[] { memory, errors })
        {
            StringAssert.StartsWith(Single(chart, "text", "decision-label").Value, "decided 13:5");
            Assert.HasCount(1, Elements(chart, "line", "deploy"));
        }
    }

    [TestMethod]
    public async Task Write_ChecksTable_ShowsThresholdWorstLastAndStatus()
    {
        var page = Parse(HtmlReport.Write(Context(await LeakingRelease(), RolledBack)));

        var rows = Elements(page.Root!, "table", "overview").Single().Descendants("tbody").Single().Elements("tr").ToList();
        Assert.HasCount(2, rows);
        var first = rows[0].Elements("td").Select(c => c.Value).ToList();
        Assert.AreEqual("memory-leak", first[0], "the failed check comes first");
        StringAssert.Contains(first[1], "failed");
        StringAssert.Contains(first[2], "not to reach 1 GiB within 24 h");
        StringAssert.Contains(first[3], "(checkout-fast)");
        Assert.HasCount(2, Elements(page.Root!, "table", "details"), "a table per check");
    }

    [TestMethod]
    public async Task Write_Baseline_DrawsTheRelaxedMaxBesideTheMax()
    {
        var store = new FakeMetricStore().Serve("error_ratio", _ => 0.015);
        var check = Some.Threshold(max: 0.01) with { Baseline = new BaselineSettings(TimeSpan.FromHours(1), 1.5, null) };

        var page = Parse(HtmlReport.Write(Context(await Run(store, check), RollbackOutcome.NotAttempted("not needed"))));

        var thresholds = Elements(Chart(page, "errors"), "line", "threshold").Select(l => l.Attribute("data-value")!.Value).ToList();
        CollectionAssert.AreEqual(new[] { "0.01", "0.0225" }, thresholds);
        Assert.AreEqual("Release passed verification", page.Descendants("h1").Single().Value);
    }

    [TestMethod]
    public void Write_UserText_IsEscaped()
    {
        const string name = "<script>alert(1)</script>";
        var pod = new Labels([new("pod", "\"><img src=x onerror=alert(2)>")]);
        var check = Some.Threshold(max: 0.01, name: name) with { PerSeries = true };
        var evaluation = new CheckEvaluation(Some.DeployedAt.AddMinutes(1), EvaluationOutcome.Failed, 0.5, pod, $"{name} & more", 0.01,
            SeriesValues: [new(pod, 0.5)]);
        var outcome = Outcome(Verdict.Failed, new CheckResult(check, CheckOutcome.Failed, $"{name} & more", evaluation, evaluation, 1, [evaluation], evaluation.Time));

        var html = HtmlReport.Write(Context(outcome, RollbackOutcome.NotAttempted("skipped: --dry-run")));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        StringAssert.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;");
        var page = Parse(html);
        Assert.IsTrue(page.Descendants("h2").Any(h => h.Value.EndsWith(name, StringComparison.Ordinal)), "the name reads as written");
        Assert.AreEqual(pod.DisplayName, Elements(page.Root!, "path", "series").Single().Attribute("data-series")!.Value);
    }

    [TestMethod]
    public async Task Write_Always_IsSelfContained()
    {
        var html = HtmlReport.Write(Context(await LeakingRelease(), RolledBack));
        var page = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        var references = page.Descendants().Attributes().Where(a => a.Name.LocalName is "href" or "src" or "xlink:href" or "action").ToList();
        Assert.IsTrue(references.All(a => a.Value.StartsWith('#')), string.Join(", ", references));
    }

    [TestMethod]
    public void Write_CancelledBeforeAnyEvaluation_SaysNotEvaluated()
    {
        var check = Some.Threshold(max: 0.01);
        var outcome = Outcome(Verdict.Inconclusive, new CheckResult(check, CheckOutcome.Inconclusive, "not evaluated", null, null, 0, [], null)) with
        {
            Cancelled = true,
            DecidedAt = null,
        };

        var page = Parse(HtmlReport.Write(Context(outcome, RollbackOutcome.NotAttempted("not needed: the verdict is inconclusive"))));

        Assert.AreEqual("Release inconclusive: the verification was cancelled", page.Descendants("h1").Single().Value);
        StringAssert.Contains(page.Root!.Element("body")!.Elements().First().Attribute("class")!.Value, "inconclusive");
        var chart = page.Descendants("svg").Single();
        Assert.AreEqual("not evaluated", Single(chart, "text", "empty").Value);
        Assert.IsEmpty(Elements(chart, "path", "series"));
        Assert.IsEmpty(Elements(chart, "line", "decision"));
        Assert.IsTrue(page.Descendants("li").Any(l => l.Value.Contains("cancelled", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Write_NonFiniteValues_AreLeftOutOfTheLine()
    {
        var check = Some.Threshold(max: 0.01) with { PerSeries = true };
        var (a, b) = (Some.Pod("a"), Some.Pod("b"));
        var evaluations = new[] { 0.001, double.NaN, 0.002, double.PositiveInfinity, 0.003 }
            .Select((v, i) => new CheckEvaluation(Some.DeployedAt.AddMinutes(i + 1), EvaluationOutcome.Passed, 0.001, a, "ok", 0.01,
                SeriesValues: [new(a, v), new(b, double.NaN)]))
            .ToList();
        var outcome = Outcome(Verdict.Passed, new CheckResult(check, CheckOutcome.Passed, "ok", evaluations[0], evaluations[^1], 5, evaluations, null));

        var page = Parse(HtmlReport.Write(Context(outcome, RollbackOutcome.NotAttempted("not needed"))));

        var line = Elements(page.Root!, "path", "series").Single();
        Assert.AreEqual("a", line.Attribute("data-series")!.Value, "a series with no finite value has no line");
        var data = line.Attribute("d")!.Value;
        Assert.AreEqual(3, data.Count(c => c == 'M'), "a gap at each non-finite value: " + data);
        Assert.DoesNotContain("NaN", data, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", data, StringComparison.Ordinal);
    }

    [TestMethod]
    public void Write_ManySeries_DrawsThemAllButCapsTheLegend()
    {
        var check = Some.Threshold(max: 0.01) with { PerSeries = true };
        var pods = Enumerable.Range(1, 30).Select(i => Some.Pod($"checkout-{i:00}")).ToList();
        var evaluations = Enumerable.Range(1, 4)
            .Select(m => new CheckEvaluation(Some.DeployedAt.AddMinutes(m), EvaluationOutcome.Passed, 0.003, pods[0], "ok", 0.01,
                SeriesValues: pods.Select((p, i) => new KeyValuePair<Labels, double>(p, 0.0001 * i)).ToList()))
            .ToList();
        var outcome = Outcome(Verdict.Passed, new CheckResult(check, CheckOutcome.Passed, "ok", evaluations[0], evaluations[^1], 4, evaluations, null));

        var page = Parse(HtmlReport.Write(Context(outcome, RollbackOutcome.NotAttempted("not needed"))));

        Assert.HasCount(30, Elements(page.Root!, "path", "series"));
        var legend = Elements(page.Root!, "ul", "legend").Single();
        Assert.HasCount(HtmlReport.MaxLegend, legend.Descendants("span").Where(s => s.Attribute("class")?.Value == "swatch"));
        StringAssert.Contains(legend.Value, "and 22 more series");
    }

    [TestMethod]
    public async Task Write_CrashLoop_CountsGetWholeNumberAxesAndPodsKeepTheirColours()
    {
        var page = Parse(HtmlReport.Write(Context(await Outcomes.RunAsync(crashLoop: true), RolledBack)));

        var restarts = Chart(page, "restarts");
        var ticks = Elements(restarts, "text", "axis")
            .Select(t => double.TryParse(t.Value, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (double?)null)
            .OfType<double>().ToList();
        Assert.IsGreaterThan(1, ticks.Count);
        Assert.IsTrue(ticks.All(v => v == Math.Floor(v)), "whole-number ticks: " + string.Join(" / ", ticks));
        var colours = page.Descendants().Where(e => e.Name.LocalName == "path" && e.Attribute("data-series") is not null)
            .GroupBy(e => e.Attribute("data-series")!.Value)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Attribute("stroke")!.Value).Distinct().ToList());
        Assert.IsTrue(colours.Values.All(c => c.Count == 1), "a series has one colour in every chart");
    }

    [TestMethod]
    public async Task Write_EveryChart_SharesOneTimeRange()
    {
        var page = Parse(HtmlReport.Write(Context(await LeakingRelease(), RolledBack)));

        var deployLines = page.Descendants().Where(e => e.Name.LocalName == "line" && e.Attribute("class")?.Value.Contains("deploy", StringComparison.Ordinal) == true)
            .Select(e => e.Attribute("x1")!.Value).Distinct().ToList();
        Assert.HasCount(1, deployLines, "the deploy stands at the same place in every chart");
    }

    [TestMethod]
    public async Task Write_CheckWithoutData_SaysNoDataInsteadOfAnAxis()
    {
        var store = new FakeMetricStore().Serve("error_ratio", _ => (double?)null);
        var outcome = await new SoakRunner(store, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Some.DeployedAt.AddHours(2)), new RecordingObserver())
            .RunAsync(new SoakSchedule(Some.DeployedAt, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(30), 3,
                [new RenderedCheck(Some.Threshold(max: 0.01), "error_ratio", null, null)], CancellationToken.None);

        var chart = Chart(Parse(HtmlReport.Write(Context(outcome, RollbackOutcome.NotNeeded("not needed")))), "errors");

        StringAssert.StartsWith(Single(chart, "text", "empty").Value, "no data: ");
        Assert.IsEmpty(Elements(chart, "text", "axis"), "no made-up axis");
    }

    private static async Task<SoakOutcome> LeakingRelease()
    {
        // Two pods from the deploy on: one leaks towards its 1 GiB limit within minutes, one slowly; errors stay low.
        var fast = Some.Pod("checkout-fast");
        var slow = Some.Pod("checkout-slow");
        var store = new FakeMetricStore()
            .Serve("container_memory_working_set_bytes", t => t < Some.DeployedAt
                ? []
                : [(fast, Memory(t, 300, 30)), (slow, Memory(t, 350, 8))])
            .Serve("error_ratio", _ => 0.002);
        return await Run(store, Some.Trend(tolerance: 2), Some.Threshold(max: 0.01));
    }

    private static double Memory(DateTimeOffset time, double baseMiB, double leakMiBPerMinute)
    {
        var minutes = (time - Some.DeployedAt).TotalMinutes;
        var sawtooth = 30 * (minutes % 2.5 / 2.5);
        return (baseMiB + leakMiBPerMinute * minutes + sawtooth) * Some.MiB;
    }

    private static Task<SoakOutcome> Run(FakeMetricStore store, params CheckDefinition[] checks)
    {
        var schedule = new SoakSchedule(Some.DeployedAt, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
        return new SoakRunner(store, new FakeTimeProvider(Some.DeployedAt.AddHours(2)), new RecordingObserver())
            .RunAsync(schedule, TimeSpan.FromSeconds(30), 3, checks.Select(c => new RenderedCheck(c, c.Query, null, null)).ToList(), CancellationToken.None);
    }

    private static SoakOutcome Outcome(Verdict verdict, params CheckResult[] checks) => new(
        verdict,
        checks[0].Reason,
        new SoakSchedule(Some.DeployedAt, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30)),
        checks[0].Last?.Time,
        checks,
        false,
        [],
        new Dictionary<string, BaselineInfo>());

    private static ReportContext Context(SoakOutcome outcome, RollbackOutcome rollback) =>
        new(outcome, rollback, false, "http://prometheus:9090/", 42, "1.2.3");

    private static XDocument Parse(string html) => XDocument.Parse(html);

    private static XElement Chart(XDocument page, string check) =>
        page.Descendants("section").Single(s => s.Element("h2")?.Value.EndsWith(" " + check, StringComparison.Ordinal) == true).Descendants("svg").Single();

    private static List<XElement> Elements(XContainer root, string name, string className) =>
        root.Descendants(name).Where(e => e.Attribute("class")?.Value.Split(' ').Contains(className) == true).ToList();

    private static XElement Single(XContainer root, string name, string className) => Elements(root, name, className).Single();

    private static double Coordinate(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
