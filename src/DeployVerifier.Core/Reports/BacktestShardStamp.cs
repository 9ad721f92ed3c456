using DeployVerifier.Backtests;

namespace DeployVerifier.Reports;

/// <summary>Which part of which list a shard's report holds (<c>--shard I/N</c>), so a merge can tell its shards came from one list.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Releases">How many releases the whole sorted list holds, before sharding.</param>
/// <param name="Fingerprint">The whole sorted list's fingerprint (<see cref="BacktestFingerprint.Of(IReadOnlyList{BacktestCandidate})"/>).</param>
public sealed record BacktestShardStamp(BacktestShard Shard, int Releases, string Fingerprint);
