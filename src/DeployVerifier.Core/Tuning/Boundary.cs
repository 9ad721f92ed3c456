namespace DeployVerifier.Tuning;

/// <summary>
/// Where one release turns from passing to failing on one setting's strictness axis: it passes at <see cref="PassU"/>
/// and anything looser, and fails at <see cref="FailU"/> and anything stricter (a check fails more the stricter it
/// is). Between the two nothing was tried. <see cref="PassU"/> is −∞ when it fails however loose the value (for another
/// reason: no data counted as a failure, a crash the value does not govern); <see cref="FailU"/> is +∞ when it never fails.
/// </summary>
internal readonly record struct Boundary(double PassU, double FailU)
{
    /// <summary>
    /// For a bad release with a deadline (<c>failed within 30m</c>), where it turns from not failed by its deadline to
    /// failed by it (a check fails sooner the stricter it is): the last strictness searched that fails it too late or not
    /// at all. Without a deadline, <see cref="PassU"/>.
    /// </summary>
    public double InTimePassU { get; init; } = PassU;

    /// <summary>The first strictness searched that fails it by its deadline, +∞ when none; without a deadline, <see cref="FailU"/>.</summary>
    public double InTimeFailU { get; init; } = FailU;

    /// <summary>Fails at every value searched.</summary>
    public bool AlwaysFails => double.IsNegativeInfinity(PassU);

    /// <summary>Fails at no value searched.</summary>
    public bool NeverFails => double.IsPositiveInfinity(FailU);

    /// <summary>Fails by its deadline at no value searched (at none at all, without a deadline).</summary>
    public bool NeverInTime => double.IsPositiveInfinity(InTimeFailU);

    /// <summary>Finds the boundary on <paramref name="grid"/> (strictnesses, loosest first) by bisection: a check fails more the stricter it is.</summary>
    public static async Task<Boundary> FindAsync(IReadOnlyList<double> grid, Func<double, Task<bool>> fails)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var (pass, fail) = await BisectAsync(grid, fails).ConfigureAwait(false);
        return new Boundary(pass, fail);
    }

    /// <summary>
    /// Finds both boundaries of a release with a deadline: where it fails at all, and where it fails by its deadline.
    /// <paramref name="judge"/> is asked once per strictness (both bisections share its answers).
    /// </summary>
    public static async Task<Boundary> FindAsync(IReadOnlyList<double> grid, Func<double, Task<(bool Fails, bool InTime)>> judge)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var seen = new Dictionary<double, (bool Fails, bool InTime)>();
        async Task<(bool Fails, bool InTime)> At(double u)
        {
            if (!seen.TryGetValue(u, out var answer))
            {
                seen[u] = answer = await judge(u).ConfigureAwait(false);
            }

            return answer;
        }

        var (pass, fail) = await BisectAsync(grid, async u => (await At(u).ConfigureAwait(false)).Fails).ConfigureAwait(false);
        var (inTimePass, inTimeFail) = await BisectAsync(grid, async u => (await At(u).ConfigureAwait(false)).InTime).ConfigureAwait(false);
        return new Boundary(pass, fail) { InTimePassU = inTimePass, InTimeFailU = inTimeFail };
    }

    private static async Task<(double Pass, double Fail)> BisectAsync(IReadOnlyList<double> grid, Func<double, Task<bool>> fails)
    {
        if (!await fails(grid[^1]).ConfigureAwait(false))
        {
            return (double.PositiveInfinity, double.PositiveInfinity);
        }

        if (await fails(grid[0]).ConfigureAwait(false))
        {
            return (double.NegativeInfinity, grid[0]);
        }

        int pass = 0, fail = grid.Count - 1;
        while (fail - pass > 1)
        {
            var middle = (pass + fail) / 2;
            if (await fails(grid[middle]).ConfigureAwait(false))
            {
                fail = middle;
            }
            else
            {
                pass = middle;
            }
        }

        return (grid[pass], grid[fail]);
    }
}
