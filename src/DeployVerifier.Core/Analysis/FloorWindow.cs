namespace DeployVerifier.Analysis;

/// <summary>The samples <see cref="First"/> to <see cref="Last"/> (inclusive) that one floor point averages.</summary>
internal readonly record struct FloorWindow(int First, int Last)
{
    public int Count => Last - First + 1;

    /// <summary>The mean of the values whose prefix sums are <paramref name="sums"/>.</summary>
    public double Mean(double[] sums) => (sums[Last + 1] - sums[First]) / Count;
}
