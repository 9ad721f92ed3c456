using DeployVerifier.Metrics;

namespace DeployVerifier.Cli.Commands;

/// <summary>A connected metric store and how many requests it has sent.</summary>
internal sealed class StoreConnection(IMetricStore store, Func<long> requestCount, IDisposable? resources) : IDisposable
{
    public IMetricStore Store { get; } = store;

    public long RequestCount => requestCount();

    public void Dispose() => resources?.Dispose();
}
