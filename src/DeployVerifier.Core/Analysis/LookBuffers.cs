namespace DeployVerifier.Analysis;

/// <summary>
/// The leak test's largest arrays (a grid's sums and fits, about 100 KB a look), kept per thread and reused from look to
/// look: at thousands of looks a second the collections their allocation causes cost more than their arithmetic. An
/// array may be longer than asked; every user writes each entry it reads first and reads no further than it asked.
/// </summary>
internal sealed class LookBuffers
{
    [ThreadStatic]
    private static LookBuffers? t_current;

    private readonly double[][] _arrays = new double[Enum.GetValues<Slot>().Length][];

    /// <summary>The arrays, one per use.</summary>
    public enum Slot
    {
        WarmUpSumSquares,
        WarmUpSumY,
        WarmUpFactor,
        WarmUpDecay,
        WarmUpCrossed,
        FitSse,
        FitFirst,
        FitSecond,
    }

    /// <summary>This thread's buffers (a look runs on one thread from start to end).</summary>
    public static LookBuffers Current => t_current ??= new LookBuffers();

    /// <summary>The array for <paramref name="slot"/>, at least <paramref name="size"/> long; its contents are left over.</summary>
    public double[] Get(Slot slot, int size)
    {
        var array = _arrays[(int)slot];
        if (array is null || array.Length < size)
        {
            _arrays[(int)slot] = array = new double[Math.Max(size, 2 * (array?.Length ?? 0))];
        }

        return array;
    }
}
