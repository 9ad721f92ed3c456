using System.Text.Json;
using System.Text.Json.Nodes;
using DeployVerifier.Reports;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;
using DeployVerifier.Support;
using Json.Schema;

namespace DeployVerifier.Reports;

[TestClass]
public sealed class JsonReportWriterTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "schemas", "report.schema.json"))));

    private static JsonElement Write(SoakOutcome outcome, RollbackOutcome? rollback = null) =>
        JsonDocument.Parse(JsonReportWriter.Write(new ReportContext(outcome, rollback ?? RollbackOutcome.NotAttempted("not needed"), false,
            "http://prometheus:9090/", 7, "1.2.3"))).RootElement;

    private static void AssertMatchesSchema(JsonElement report)
    {
        EvaluationResults results;
        lock (Schema)
        {
            results = Schema.Value.Evaluate(JsonNode.Parse(report.GetRawText()), new EvaluationOptions { OutputFormat = OutputFormat.List });
        }

        Assert.IsTrue(results.IsValid, string.Join("\n", results.Details.Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [TestMethod]
    public async Task Write_WarnSeverityFailure_ListsItInWarnedChecksWithItsSeverity()
    {
        var report = Write(await Outcomes.WarnedAsync());

        AssertMatchesSchema(report);
        Assert.AreEqual("passed", report.GetProperty("verdict").GetString());
        Assert.AreEqual("errors", report.GetProperty("warnedChecks").EnumerateArray().Single().GetString());
        Assert.AreEqual(0, report.GetProperty("warnings").GetArrayLength(), "warnings holds Prometheus's warnings only");
        var errors = report.GetProperty("checks")[1];
        Assert.AreEqual("failed", errors.GetProperty("outcome").GetString());
        Assert.AreEqual("warn", errors.GetProperty("severity").GetString());
        Assert.AreEqual("fail", report.GetProperty("checks")[0].GetProperty("severity").GetString());
        StringAssert.StartsWith(report.GetProperty("reason").GetString(), "all 1 blocking checks passed over the whole soak; 1 warn-severity check failed");
    }

    [TestMethod]
    public async Task Write_FailedRelease_NamesTheVerdictCheckPodAndRollback()
    {
        var rollback = new RollbackOutcome(true, true, "command 'kubectl' exited 0", [new RollbackActionResult("command", true, "exited 0")]);

        var report = Write(await Outcomes.RunAsync(crashLoop: true), rollback);

        AssertMatchesSchema(report);
        Assert.AreEqual(2, report.GetProperty("schemaVersion").GetInt32());
        Assert.AreEqual("failed", report.GetProperty("verdict").GetString());
        Assert.AreEqual("2024-08-16T13:48:00+00:00", report.GetProperty("decidedAt").GetString());
        var restarts = report.GetProperty("checks")[0];
        Assert.AreEqual("failed", restarts.GetProperty("outcome").GetString());
        Assert.AreEqual("checkout-abc-x8k2p", restarts.GetProperty("worstSeries").GetProperty("pod").GetString());
        Assert.AreEqual(2, restarts.GetProperty("worstValue").GetDouble());
        Assert.AreEqual("2024-08-16T13:48:00+00:00", restarts.GetProperty("firstFailureAt").GetString());
        Assert.AreEqual("tolerance", restarts.GetProperty("decidedBy").GetString());
        var counts = restarts.GetProperty("counts");
        Assert.AreEqual(4, counts.GetProperty("passed").GetInt32());
        Assert.AreEqual(1, counts.GetProperty("failed").GetInt32());
        Assert.AreEqual(0, counts.GetProperty("noAnswer").GetInt32());
        Assert.AreEqual(0, counts.GetProperty("notEnoughData").GetInt32());
        Assert.AreEqual(JsonValueKind.Null, report.GetProperty("checks")[1].GetProperty("decidedBy").ValueKind);
        Assert.IsTrue(report.GetProperty("rollback").GetProperty("attempted").GetBoolean());
        Assert.AreEqual(7, report.GetProperty("prometheus").GetProperty("requests").GetInt32());
    }

    [TestMethod]
    public async Task Write_PassedRelease_GivesValuesInBaseUnitsBesideTheirDisplay()
    {
        var report = Write(await Outcomes.RunAsync(crashLoop: false));

        AssertMatchesSchema(report);
        var errors = report.GetProperty("checks")[1];
        Assert.AreEqual(0.002, errors.GetProperty("lastValue").GetDouble(), 1e-12);
        Assert.AreEqual("0.2%", errors.GetProperty("lastValueDisplay").GetString());
        Assert.AreEqual(0.002, errors.GetProperty("baseline").GetProperty("value").GetDouble(), 1e-12);
        Assert.AreEqual("2024-08-16T14:15:00+00:00", report.GetProperty("decidedAt").GetString());
    }

    [TestMethod]
    public async Task Write_Leak_CarriesTheForecast()
    {
        var report = Write(await Outcomes.LeakAsync());

        AssertMatchesSchema(report);
        var forecast = report.GetProperty("checks")[0].GetProperty("forecast");
        Assert.AreEqual(30, forecast.GetProperty("slopePerSecond").GetDouble() * 60 / Some.MiB, 3);
        Assert.AreEqual("1 GiB", forecast.GetProperty("limitDisplay").GetString());
        Assert.IsTrue(forecast.GetProperty("significant").GetBoolean());
        var fleet = forecast.GetProperty("fleet");
        Assert.AreEqual(1, fleet.GetProperty("instances").GetInt32());
        Assert.AreEqual(fleet.GetProperty("firstInstanceAt").GetDateTimeOffset(), fleet.GetProperty("lastInstanceAt").GetDateTimeOffset());
        Assert.IsTrue(fleet.GetProperty("growsWithLoad").GetBoolean());
        Assert.AreEqual(JsonValueKind.Null, fleet.GetProperty("downtimeSeconds").ValueKind);
        Assert.AreEqual("checkout-abc-x8k2p", fleet.GetProperty("byInstance")[0].GetProperty("series").GetProperty("pod").GetString());
    }
}
