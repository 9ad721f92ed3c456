namespace DeployVerifier.Cli.Options;

/// <summary>Where a backtest's reports go: the flags <c>backtest</c> and <c>merge-backtests</c> share.</summary>
internal interface IBacktestReportOptions
{
    string? ReportJson { get; }

    string? SummaryMd { get; }

    string? ReportHtml { get; }
}
