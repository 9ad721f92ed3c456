namespace DeployVerifier.Cli.Options;

/// <summary>The flags that choose past releases (<c>backtest</c>, <c>tune</c>): a window, or a file that lists them.</summary>
internal interface IReleaseWindowOptions
{
    string? From { get; }

    string? To { get; }

    string? Since { get; }

    string? Releases { get; }

    /// <summary><c>--label-rollbacks WITHIN</c>: label the releases a window finds by whether they were rolled back; null when not asked for.</summary>
    string? LabelRollbacks { get; }

    /// <summary>Only shard I of N; null when the verb has no shards.</summary>
    string? Shard { get; }
}
