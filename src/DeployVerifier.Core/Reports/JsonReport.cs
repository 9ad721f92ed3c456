using System.Text.Json.Serialization;

namespace DeployVerifier.Reports;

/// <summary>The shape of <c>--report-json</c>; <c>report.schema.json</c> describes it. Values are in base units beside a display string.</summary>
internal sealed record JsonReport(
    int SchemaVersion,
    string Tool,
    string ToolVersion,
    string Verdict,
    string Reason,
    DateTimeOffset DeployedAt,
    JsonRelease Release,
    IReadOnlyList<string> WarnedChecks,
    DateTimeOffset? DecidedAt,
    JsonSoak Soak,
    bool Cancelled,
    bool DryRun,
    IReadOnlyList<JsonCheck> Checks,
    JsonRollback Rollback,
    JsonPrometheus Prometheus,
    IReadOnlyList<string> Warnings)
{
    /// <summary>What was sent to people; empty when nothing was.</summary>
    public IReadOnlyList<JsonNotification> Notifications { get; init; } = [];
}

internal sealed record JsonNotification(string Target, string Event, string Outcome, bool Sent, bool Succeeded, string Detail, DateTimeOffset TriggeredAt,
    DateTimeOffset SentAt, int Attempts);

internal sealed record JsonRelease(string? Name, DateTimeOffset StartedAt, string FoundBy, DateTimeOffset? DeployedAtGiven);

internal sealed record JsonSoak(string Duration, double DurationSeconds, string Interval, DateTimeOffset End, int Evaluations, DateTimeOffset? ExtendedTo);

internal sealed record JsonCheck(
    string Name,
    string Outcome,
    string Reason,
    string Kind,
    string Query,
    string Unit,
    JsonThreshold Threshold,
    double? WorstValue,
    string? WorstValueDisplay,
    DateTimeOffset? WorstAt,
    IReadOnlyDictionary<string, string>? WorstSeries,
    double? LastValue,
    string? LastValueDisplay,
    DateTimeOffset? LastAt,
    int Samples,
    int Evaluations,
    DateTimeOffset? FirstFailureAt,
    JsonBaseline? Baseline,
    JsonForecast? Forecast,
    JsonCounts Counts,
    string? DecidedBy,
    string Severity)
{
    /// <summary>The numbers behind <see cref="Reason"/>, for a details line; null when there are none.</summary>
    public string? Details { get; init; }
}

internal sealed record JsonCounts(int Passed, int Failed, int NoAnswer, int NotEnoughData);

internal sealed record JsonThreshold(double? Min, double? Max, double? EffectiveMax, string Display, int Tolerance);

internal sealed record JsonBaseline(double? Value, string? ValueDisplay, string Note);

internal sealed record JsonForecast(
    double SlopePerSecond,
    string SlopeDisplay,
    double Level,
    double Limit,
    string LimitDisplay,
    double? TimeToLimitSeconds,
    double? EarliestSeconds,
    double? LatestSeconds,
    bool Significant,
    double? LevellingOffAt,
    JsonFleetForecast? Fleet);

internal sealed record JsonFleetForecast(
    int Instances,
    DateTimeOffset FirstInstanceAt,
    DateTimeOffset? FirstInstanceEarliest,
    DateTimeOffset? FirstInstanceLatest,
    DateTimeOffset? LastInstanceAt,
    DateTimeOffset? LastInstanceEarliest,
    DateTimeOffset? LastInstanceLatest,
    bool GrowsWithLoad,
    double? DowntimeSeconds,
    IReadOnlyList<JsonInstanceForecast> ByInstance);

internal sealed record JsonInstanceForecast(IReadOnlyDictionary<string, string> Series, DateTimeOffset? AloneAt, DateTimeOffset? InFleetAt);

internal sealed record JsonRollback(bool Attempted, bool Succeeded, string Detail, string State, IReadOnlyList<JsonRollbackAction> Actions);

internal sealed record JsonRollbackAction(string Kind, bool Succeeded, string Detail);

internal sealed record JsonPrometheus(string Url, long Requests);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(JsonReport))]
internal sealed partial class JsonReportContext : JsonSerializerContext;
