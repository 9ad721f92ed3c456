using System.Text.Json.Serialization;

namespace DeployVerifier.Reports;

/// <summary>The shape of a backtest's <c>--report-json</c>; <c>backtest-report.schema.json</c> describes it.</summary>
internal sealed record BacktestJsonReport(
    int SchemaVersion,
    string Tool,
    string ToolVersion,
    string Kind,
    DateTimeOffset RanAt,
    BacktestJsonSelection Selection,
    BacktestJsonTotals Totals,
    BacktestJsonExpectations? Expectations,
    IReadOnlyList<BacktestJsonRelease> Releases,
    BacktestJsonPrometheus Prometheus);

internal sealed record BacktestJsonSelection(string Description, DateTimeOffset? From, DateTimeOffset? To, string? ReleasesFile);

internal sealed record BacktestJsonTotals(int Releases, int Passed, int Failed, int Inconclusive, int NotFinished, int Superseded, double? MedianTimeToFailureSeconds);

internal sealed record BacktestJsonExpectations(int Given, int Agreeing, int Disagreeing, int BadCaught, int BadMissed, int GoodBlocked);

internal sealed record BacktestJsonRelease(
    string Name,
    string? Release,
    DateTimeOffset DeployedAt,
    string Verdict,
    DateTimeOffset? DecidedAt,
    double? DecidedAfterSeconds,
    string Reason,
    string? FailingCheck,
    string? Expected,
    bool? Agrees,
    bool Superseded,
    int? Line,
    JsonReport Report);

internal sealed record BacktestJsonPrometheus(string Url, long Requests, string? Outage);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BacktestJsonReport))]
internal sealed partial class BacktestJsonReportContext : JsonSerializerContext;
