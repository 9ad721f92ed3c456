namespace DeployVerifier.Reports;

/// <summary>What a merged report was joined from: every shard of one list.</summary>
/// <param name="Shards">How many shards were merged (all of them).</param>
/// <param name="Releases">How many releases the whole list holds.</param>
/// <param name="Fingerprint">The list's fingerprint, which every shard recorded.</param>
public sealed record BacktestMergeStamp(int Shards, int Releases, string Fingerprint);
