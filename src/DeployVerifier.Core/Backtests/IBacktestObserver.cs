namespace DeployVerifier.Backtests;

/// <summary>Hears of each release as it is judged (the console's line per release and progress). Called from several threads; must not throw.</summary>
public interface IBacktestObserver
{
    /// <summary>One release was judged; <paramref name="judged"/> of <paramref name="total"/> are done.</summary>
    void Judged(BacktestResult result, int judged, int total);
}
