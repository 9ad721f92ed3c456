namespace DeployVerifier.Tuning;

/// <summary>
/// Where one release turns from passing to failing on one setting's strictness axis: it passes at <see cref="PassU"/>
/// and anything looser, and fails at <see cref="FailU"/> and anything stricter (a check fails more the stricter it
/// is). Between the two nothing was tried. <see cref="PassU"/> is −∞ when it fails however loose the value (for another
/// reason: no data counted as a failure, a crash the value does not govern); <see cref="FailU"/> is +∞ when it never fails.
/// </summary>
internal readonly record struct Boundary(double PassU, double FailU)
{
    /// <summary>Fails at every value searched.</summary>
    public bool AlwaysFails => double.IsNegativeInfinity(PassU);

    /// <summary>Fails at no value searched.</summary>
    public bool NeverFails => double.IsPositiveInfinity(FailU);

    /// <summary>Finds the boundary on <paramref name="grid"/> (strictnesses, loosest first) by bisection: a check fails more the stricter it is.</summary>
    public static async Task<Boundary> FindAsync(IReadOnlyList<double> grid, Func<double, Task<bool>> fails)
    {
        if (!await fails(grid[^1]).ConfigureAwait(false))
        {
            return new Boundary(double.PositiveInfinity, double.PositiveInfinity);
        }

        if (await fails(grid[0]).ConfigureAwait(false))
        {
            return new Boundary(double.NegativeInfinity, grid[0]);
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

        return new Boundary(grid[pass], grid[fail]);
    }
}
