namespace DeployVerifier.Reports;

/// <summary>
/// The confusion table of a backtest against its labels: each labelled, finished release once, by whether it was bad
/// and whether the checklist (or one check) would have blocked it (<see cref="BacktestAccuracyRules"/>).
/// </summary>
/// <param name="Caught">Bad releases blocked (true positives).</param>
/// <param name="Missed">Bad releases let through (false negatives).</param>
/// <param name="FalseAlarms">Good releases blocked (false positives).</param>
/// <param name="GoodPassed">Good releases let through (true negatives).</param>
public sealed record BacktestConfusion(int Caught, int Missed, int FalseAlarms, int GoodPassed)
{
    /// <summary>An empty table.</summary>
    public static BacktestConfusion None { get; } = new(0, 0, 0, 0);

    /// <summary>Releases labelled bad.</summary>
    public int Bad => Caught + Missed;

    /// <summary>Releases labelled good.</summary>
    public int Good => FalseAlarms + GoodPassed;

    /// <summary>Releases blocked.</summary>
    public int Blocked => Caught + FalseAlarms;

    /// <summary>Releases counted: labelled, finished, and not rolled back by the verifier itself.</summary>
    public int Labelled => Bad + Good;

    /// <summary>The table with one more release in its cell.</summary>
    public BacktestConfusion Add(bool bad, bool blocked) => (bad, blocked) switch
    {
        (true, true) => this with { Caught = Caught + 1 },
        (true, false) => this with { Missed = Missed + 1 },
        (false, true) => this with { FalseAlarms = FalseAlarms + 1 },
        _ => this with { GoodPassed = GoodPassed + 1 },
    };
}
