namespace DeployVerifier.Analysis;

/// <summary>
/// Least squares with at most three coefficients, each optionally held to a bound (a warm-up only rises, a leak only
/// grows, a warm-up levels off below the limit), from the normal equations' sums. The problem is convex, so the best
/// fit is the unconstrained best fit of one set of coefficients, the others at their bounds: every such set is tried
/// and the best one that keeps within its bounds wins.
/// </summary>
internal static class BoundedLeastSquares
{
    /// <summary>The smallest sum of squared residuals, and the coefficients that give it.</summary>
    /// <param name="gram">XᵀX, k × k (k ≤ 3).</param>
    /// <param name="rhs">Xᵀy.</param>
    /// <param name="yy">yᵀy.</param>
    /// <param name="lower">Each coefficient's lower bound (−∞ for none).</param>
    /// <param name="upper">Each coefficient's upper bound (+∞ for none).</param>
    /// <param name="coefficients">Receives the best coefficients.</param>
    /// <returns>The residual sum of squares; +∞ when no set could be solved.</returns>
    public static double Solve(ReadOnlySpan<double> gram, ReadOnlySpan<double> rhs, double yy, ReadOnlySpan<double> lower,
        ReadOnlySpan<double> upper, Span<double> coefficients)
    {
        var k = rhs.Length;
        Span<double> beta = stackalloc double[3];
        Span<int> state = stackalloc int[3];
        var best = double.PositiveInfinity;
        // Each coefficient is free (0), at its lower bound (1) or at its upper bound (2).
        var combinations = 1;
        for (var i = 0; i < k; i++)
        {
            combinations *= 3;
        }

        for (var c = 0; c < combinations; c++)
        {
            var code = c;
            var possible = true;
            for (var i = 0; i < k; i++)
            {
                state[i] = code % 3;
                code /= 3;
                possible &= state[i] switch
                {
                    1 => double.IsFinite(lower[i]),
                    2 => double.IsFinite(upper[i]),
                    _ => true,
                };
            }

            if (!possible || !TrySolve(gram, rhs, lower, upper, state[..k], beta[..k]))
            {
                continue;
            }

            var sse = Sse(gram, rhs, yy, beta[..k]);
            if (sse < best)
            {
                best = sse;
                beta[..k].CopyTo(coefficients);
            }
        }

        return best;
    }

    /// <summary>
    /// <see cref="Solve"/> for two coefficients, both at least zero: the same candidates in the same order (both free,
    /// the first at zero, the second at zero, both at zero) by the same arithmetic, without the general loop, and
    /// none after the first when both free are within the bounds and leave a residual (then it is the least of all). The
    /// leak test solves thousands of these per look.
    /// </summary>
    /// <param name="g00">The first column's sum of squares.</param>
    /// <param name="g01">The two columns' dot product.</param>
    /// <param name="g11">The second column's sum of squares.</param>
    /// <param name="r0">The first column's dot product with y.</param>
    /// <param name="r1">The second column's dot product with y.</param>
    /// <param name="yy">yᵀy.</param>
    /// <param name="b0">Receives the first coefficient (unchanged when nothing could be solved).</param>
    /// <param name="b1">Receives the second coefficient (unchanged when nothing could be solved).</param>
    /// <returns>The residual sum of squares; +∞ when no set could be solved.</returns>
    public static double SolveNonNegative(double g00, double g01, double g11, double r0, double r1, double yy, ref double b0, ref double b1)
    {
        var best = double.PositiveInfinity;
        if (TryPair(g00, g01, g11, r0, r1, out var x0, out var x1))
        {
            var sse = PairSse(g00, g01, g11, r0, r1, yy, x0, x1);
            // The unbounded minimum is within the bounds, so no candidate holding a coefficient at zero is lower, unless
            // the fit is exact to rounding: then one may tie it, and Solve's order breaks the tie.
            if (sse > 1e-10 * yy)
            {
                b0 = x0;
                b1 = x1;
                return sse;
            }

            Take(sse, x0, x1, ref best, ref b0, ref b1);
        }

        // One column free, the other at zero: the free one's own row of the normal equations.
        if (g11 != 0 && r1 / g11 is var only1 && Within(only1))
        {
            Take(PairSse(g00, g01, g11, r0, r1, yy, 0, only1), 0, only1, ref best, ref b0, ref b1);
        }

        if (g00 != 0 && r0 / g00 is var only0 && Within(only0))
        {
            Take(PairSse(g00, g01, g11, r0, r1, yy, only0, 0), only0, 0, ref best, ref b0, ref b1);
        }

        Take(PairSse(g00, g01, g11, r0, r1, yy, 0, 0), 0, 0, ref best, ref b0, ref b1);
        return best;
    }

    private static void Take(double sse, double x0, double x1, ref double best, ref double b0, ref double b1)
    {
        if (sse < best)
        {
            best = sse;
            b0 = x0;
            b1 = x1;
        }
    }

    /// <summary>Both free, by <see cref="Gauss"/>'s elimination with partial pivoting written out for two rows.</summary>
    private static bool TryPair(double g00, double g01, double g11, double r0, double r1, out double x0, out double x1)
    {
        x0 = x1 = 0;
        var scale = Math.Max(Math.Max(Math.Abs(g00), Math.Abs(g01)), Math.Abs(g11));
        double a00 = g00, a01 = g01, a10 = g01, a11 = g11, b0 = r0, b1 = r1;
        if (Math.Abs(a10) > Math.Abs(a00))
        {
            (a00, a01, a10, a11, b0, b1) = (a10, a11, a00, a01, b1, b0);
        }

        if (Math.Abs(a00) <= 1e-12 * scale)
        {
            return false;
        }

        var factor = a10 / a00;
        a11 -= factor * a01;
        b1 -= factor * b0;
        if (Math.Abs(a11) <= 1e-12 * scale)
        {
            return false;
        }

        x1 = b1 / a11;
        x0 = (b0 - a01 * x1) / a00;
        return Within(x0) && Within(x1);
    }

    /// <summary>At least zero, but for rounding.</summary>
    private static bool Within(double x) => x >= -1e-12 * (1 + Math.Abs(x));

    private static double PairSse(double g00, double g01, double g11, double r0, double r1, double yy, double x0, double x1)
    {
        var sse = yy;
        sse -= 2 * x0 * r0;
        sse += x0 * g00 * x0;
        sse += x0 * g01 * x1;
        sse -= 2 * x1 * r1;
        sse += x1 * g01 * x0;
        sse += x1 * g11 * x1;
        return Math.Max(sse, 0);
    }

    private static bool TrySolve(ReadOnlySpan<double> gram, ReadOnlySpan<double> rhs, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper,
        ReadOnlySpan<int> state, Span<double> beta)
    {
        var k = rhs.Length;
        Span<int> free = stackalloc int[3];
        var f = 0;
        for (var i = 0; i < k; i++)
        {
            if (state[i] == 0)
            {
                free[f++] = i;
            }
            else
            {
                beta[i] = state[i] == 1 ? lower[i] : upper[i];
            }
        }

        // The free coefficients solve their rows of the normal equations with the fixed ones moved to the right.
        Span<double> a = stackalloc double[9];
        Span<double> b = stackalloc double[3];
        for (var r = 0; r < f; r++)
        {
            b[r] = rhs[free[r]];
            for (var i = 0; i < k; i++)
            {
                if (state[i] != 0)
                {
                    b[r] -= gram[free[r] * k + i] * beta[i];
                }
            }

            for (var col = 0; col < f; col++)
            {
                a[r * f + col] = gram[free[r] * k + free[col]];
            }
        }

        Span<double> x = stackalloc double[3];
        if (!Gauss(a[..(f * f)], b[..f], x[..f]))
        {
            return false;
        }

        for (var r = 0; r < f; r++)
        {
            var i = free[r];
            var slack = 1e-12 * (1 + Math.Abs(x[r]));
            if (x[r] < lower[i] - slack || x[r] > upper[i] + slack)
            {
                return false;
            }

            beta[i] = x[r];
        }

        return true;
    }

    private static double Sse(ReadOnlySpan<double> gram, ReadOnlySpan<double> rhs, double yy, ReadOnlySpan<double> beta)
    {
        var k = rhs.Length;
        var sse = yy;
        for (var i = 0; i < k; i++)
        {
            sse -= 2 * beta[i] * rhs[i];
            for (var j = 0; j < k; j++)
            {
                sse += beta[i] * gram[i * k + j] * beta[j];
            }
        }

        return Math.Max(sse, 0);
    }

    /// <summary>Solves a·x = b (n ≤ 3) by elimination with partial pivoting; false when a is (nearly) singular.</summary>
    internal static bool Gauss(Span<double> a, Span<double> b, Span<double> x)
    {
        var n = b.Length;
        var scale = 0.0;
        for (var i = 0; i < n * n; i++)
        {
            scale = Math.Max(scale, Math.Abs(a[i]));
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r * n + col]) > Math.Abs(a[pivot * n + col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot * n + col]) <= 1e-12 * scale)
            {
                return false;
            }

            if (pivot != col)
            {
                for (var c = 0; c < n; c++)
                {
                    (a[col * n + c], a[pivot * n + c]) = (a[pivot * n + c], a[col * n + c]);
                }

                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var factor = a[r * n + col] / a[col * n + col];
                for (var c = col; c < n; c++)
                {
                    a[r * n + c] -= factor * a[col * n + c];
                }

                b[r] -= factor * b[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            var sum = b[r];
            for (var c = r + 1; c < n; c++)
            {
                sum -= a[r * n + c] * x[c];
            }

            x[r] = sum / a[r * n + r];
        }

        return true;
    }
}
