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
    BacktestJsonChecklist? Checklist,
    BacktestJsonSettings? Settings,
    BacktestJsonShard? Shard,
    BacktestJsonMerged? Merged,
    BacktestJsonTotals Totals,
    BacktestJsonExpectations? Expectations,
    IReadOnlyList<BacktestJsonRelease> Releases,
    BacktestJsonPrometheus Prometheus,
    bool Cancelled)
{
    /// <summary>The banner's word: <c>passed</c>, <c>failed</c> (a disagreement, or a failure with no expectation) or <c>inconclusive</c>.</summary>
    public string Banner { get; init; } = "passed";

    /// <summary>The accuracy against the labels (new in 1.1; absent from older reports).</summary>
    public BacktestJsonAccuracy? Accuracy { get; init; }
}

internal sealed record BacktestJsonSelection(string Description, DateTimeOffset? From, DateTimeOffset? To, string? ReleasesFile);

internal sealed record BacktestJsonChecklist(string Path, string Sha256);

internal sealed record BacktestJsonSettings(string Soak, string Vars)
{
    /// <summary><c>fail</c> or <c>warn</c>: whether an inconclusive verdict blocked a release in the accuracy (absent from older reports: <c>fail</c>).</summary>
    public string? Inconclusive { get; init; }

    /// <summary>The <c>--label-rollbacks</c> window, e.g. <c>2h</c>; null when the labels came from a releases file or none were asked for.</summary>
    public string? LabelRollbacks { get; init; }
}

internal sealed record BacktestJsonShard(int Index, int Count, int Releases, string Fingerprint);

internal sealed record BacktestJsonMerged(int Shards, int Releases, string Fingerprint);

internal sealed record BacktestJsonTotals(int Releases, int Passed, int Failed, int Inconclusive, int NotFinished, int Superseded, double? MedianTimeToFailureSeconds)
{
    /// <summary>Releases with no expected verdict that failed.</summary>
    public int FailedWithoutExpectation { get; init; }
}

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
    int Position,
    JsonReport Report,
    string? Html)
{
    /// <summary>The verifier rolled it back itself: listed apart, not counted in the accuracy.</summary>
    public bool RolledBackByVerifier { get; init; }

    /// <summary>The deadline of the expectation (<c>failed within 30m</c>: 1800), in seconds; absent when it gives none (new in 1.1).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DeadlineSeconds { get; init; }
}

internal sealed record BacktestJsonPrometheus(string Url, long Requests, string? Outage);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BacktestJsonReport))]
internal sealed partial class BacktestJsonReportContext : JsonSerializerContext;
