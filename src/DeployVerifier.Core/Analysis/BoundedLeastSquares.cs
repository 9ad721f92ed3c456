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
