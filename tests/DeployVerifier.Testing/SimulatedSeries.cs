namespace DeployVerifier.Testing;

/// <summary>One time series of a simulation, with its OpenMetrics sample prefix ready for writing.</summary>
internal sealed class SimulatedSeries(string family, string name, string labels)
{
    private readonly List<long> _times = [];
    private readonly List<double> _values = [];

    /// <summary>The OpenMetrics family the series belongs to, e.g. "http_requests" for http_requests_total.</summary>
    public string Family { get; } = family;

    /// <summary>The sample name and labels, e.g. <c>up{job="x"}</c>.</summary>
    public string Prefix { get; } = $"{name}{{{labels}}}";

    public int Count => _times.Count;

    public long TimeAt(int index) => _times[index];

    public double ValueAt(int index) => _values[index];

    public void Add(long unixSeconds, double value)
    {
        _times.Add(unixSeconds);
        _values.Add(value);
    }
}
