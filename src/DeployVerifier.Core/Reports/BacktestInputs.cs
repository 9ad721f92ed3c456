namespace DeployVerifier.Reports;

/// <summary>What a backtest's verdicts depend on besides the store's data, recorded so shards can be merged only when they agree.</summary>
/// <param name="ChecklistPath">The checklist file, as given.</param>
/// <param name="ChecklistSha256">The file's content, fingerprinted (<c>sha256:…</c>).</param>
/// <param name="Soak">The soak's length in effect (flag, environment or file), e.g. <c>30m</c>.</param>
/// <param name="Vars">The placeholder values in effect, fingerprinted (<c>sha256:…</c>; a value may be private).</param>
public sealed record BacktestInputs(string ChecklistPath, string ChecklistSha256, string Soak, string Vars)
{
    /// <summary>The <c>--label-rollbacks</c> window as given (e.g. <c>2h</c>); null when not asked for.</summary>
    public string? LabelRollbacks { get; init; }
}
