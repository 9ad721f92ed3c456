using System.Collections.Concurrent;
using DeployVerifier.Metrics;

namespace DeployVerifier.Analysis;

/// <summary>
/// The leak tests of one release already weighed, by check, series and evaluation time. <c>tune</c> judges many
/// candidate values on one release's data; the leak test's fit depends on the samples and the limit, never on the
/// values tuned (a trend's horizon only gates the verdict after it), so each look is fitted once.
/// </summary>
public sealed class TrendMemo
{
    private readonly ConcurrentDictionary<(string Check, Labels Series, DateTimeOffset Time), LeakEvidence?> _weighed = new();
    private int _fits;

    /// <summary>How many leak tests were fitted (the rest were remembered).</summary>
    public int Fits => _fits;

    /// <summary>The evidence for this look, fitted by <paramref name="weigh"/> the first time it is asked for.</summary>
    internal LeakEvidence? Weigh(string check, Labels series, DateTimeOffset time, Func<LeakEvidence?> weigh) =>
        _weighed.GetOrAdd((check, series, time), _ =>
        {
            Interlocked.Increment(ref _fits);
            return weigh();
        });
}
