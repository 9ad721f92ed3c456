namespace DeployVerifier.Cli.Options;

/// <summary>The flags that choose past releases (<c>backtest</c>, <c>tune</c>): a window, or a file that lists them.</summary>
internal interface IReleaseWindowOptions
{
    string? From { get; }

    string? To { get; }

    string? Since { get; }

    string? Releases { get; }

    /// <summary>Only shard I of N; null when the verb has no shards.</summary>
    string? Shard { get; }
}
