using CommandLine;

namespace DeployVerifier.Cli.Options;

/// <summary>The flags of <c>merge-backtests</c>: the shards' JSON reports, and where the merged reports go.</summary>
[Verb("merge-backtests", HelpText = "Join the JSON reports of every shard of one backtest (backtest --shard I/N) into the reports one run would have written.")]
internal sealed class MergeBacktestsOptions : IBacktestReportOptions
{
    [Value(0, MetaName = "REPORT.json", HelpText = "Each shard's --report-json file; every shard of one backtest, each once.")]
    public IEnumerable<string> Reports { get; set; } = [];

    [Option("report-json", HelpText = "Write the merged machine-readable report here (schemas/backtest-report.schema.json).")]
    public string? ReportJson { get; set; }

    [Option("summary-md", HelpText = "Write the merged Markdown summary here: the totals, then a row per release.")]
    public string? SummaryMd { get; set; }

    [Option("report-html", HelpText = "Write the merged self-contained HTML page here: a timeline of the releases, then each release's charts.")]
    public string? ReportHtml { get; set; }
}
