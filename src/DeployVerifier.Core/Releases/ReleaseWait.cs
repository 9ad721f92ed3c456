namespace DeployVerifier.Releases;

/// <summary>A live run's wait for the release of <c>--deployed-at</c> to start.</summary>
/// <param name="Time">The clock.</param>
/// <param name="Until">When to stop waiting: <c>--deployed-at</c> + 5 min + the ingestion lag.</param>
public sealed record ReleaseWait(TimeProvider Time, DateTimeOffset Until)
{
    /// <summary>How often the releases are listed again while waiting: every 2 seconds.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The wait for the release of <paramref name="deployedAt"/>: until <paramref name="deployedAt"/> + 5 min (the
    /// release may start that late) + <paramref name="ingestionLag"/>. In a replay that time has passed: no wait.
    /// </summary>
    public static ReleaseWait For(TimeProvider time, DateTimeOffset deployedAt, TimeSpan ingestionLag) =>
        new(time, deployedAt + ReleaseResolver.EarlyAllowance + ingestionLag);
}
